/** The Hono app: cross-cutting middleware, then one router per feature. */
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './env';
import { authRoutes } from './features/auth/routes';
import { loadStaff, bearerToken } from './features/auth/sessions';
import { homeRoutes } from './features/home/routes';
import { apiDocsRoutes } from './features/api/routes';
import { devMailRoutes, mailRoutes } from './features/mail/routes';
import { unsubscribeRoutes } from './features/unsubscribe/routes';
import { webhookRoutes } from './features/webhooks/routes';
import { settingsRoutes } from './features/settings/routes';
import { stakeholderRoutes } from './features/stakeholders/routes';
import { roundRoutes } from './features/rounds/routes';
import { feedbackRoutes } from './features/feedback/routes';
import { opinionRoutes } from './features/opinions/routes';
import { publicationRoutes } from './features/publication/routes';
import { summaryRoutes } from './features/summaries/routes';
import { meetingRoutes } from './features/meetings/routes';
import { inboundApiRoutes } from './features/inbound/api';
import { inboundRoutes } from './features/inbound/routes';
import { referenceSeedRoutes } from './dev/reference/routes';
import { ensureDemoData } from './dev/seed';
import { environmentClock, TEST_NOW_HEADER } from './lib/clock';
import { D1_MS_HEADER, D1_QUERIES_HEADER } from './lib/d1-counter';
import { createDeps } from './lib/deps';
import { readableFormBody } from './lib/form-body';
import { apiError, isApiRequest, safeRedirectPath } from './lib/http';
import { KEPT_DIRECTORY_PAGE_PATHS, KEPT_ROUND_PAGE_PATHS, sessionWithPageRevisions } from './ui/page-cache';
import { createTranslator, isLocale, LOCALE_COOKIE, negotiateLocale } from './lib/i18n';
import { privacyHeaders } from './lib/privacy-headers';
import { renderErrorPage } from './ui/error-page';
import { FAVICON_PATH } from './ui/layout';
import { ASSET_PATH_PREFIX, assetBundle, assetNames, IMMUTABLE_CACHE } from './ui/assets';

/** Paths that are called by other systems, not by our pages, and carry their own proof (signatures, HMAC tokens). */
const csrfExemptPathRe = /^\/(webhooks\/|u\/)/;

/** Sets a header on the response, copying it first when its headers are immutable (a fetched or redirect response). */
function withHeader(c: Context<AppEnv>, name: string, value: string) {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.res = new Response(c.res.body, c.res);
    c.res.headers.set(name, value);
  }
}

export function createApp() {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    c.set('requestId', crypto.randomUUID());
    c.set('deps', createDeps(c.env, environmentClock(c.env, c.req.header(TEST_NOW_HEADER)), new URL(c.req.url).origin));
    const locale = negotiateLocale(getCookie(c, LOCALE_COOKIE), c.req.header('accept-language'));
    c.set('locale', locale);
    c.set('t', createTranslator(locale));
    c.set('staff', null);
    c.set('authMethod', null);
    await next();
    const counter = c.get('deps').d1Counter;
    if (counter) {
      withHeader(c, D1_QUERIES_HEADER, String(counter.trips));
      withHeader(c, D1_MS_HEADER, String(counter.waitMs));
    }
  });

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      xFrameOptions: 'DENY',
      // Capability links live in URLs: never leak them to other sites.
      referrerPolicy: 'no-referrer',
      crossOriginEmbedderPolicy: false,
    }),
  );

  // Browsers send Origin and Sec-Fetch-Site with form posts; scripts with a bearer token carry no cookie to abuse.
  const csrfCheck = csrf({
    origin: (origin, c) => origin === new URL(c.req.url).origin || origin === new URL(c.env.APP_URL).origin,
  });
  app.use(async (c, next) => {
    if (bearerToken(c.req.header('authorization')) || csrfExemptPathRe.test(c.req.path)) return next();
    return csrfCheck(c, next);
  });

  app.use(readableFormBody);

  // Health and static files need neither demo data nor a session.
  app.get('/healthz', async (c) => {
    await c.get('deps').d1.prepare('SELECT 1').first();
    return c.json({ ok: true });
  });

  // Browsers ask for /favicon.ico whatever the page says: answer instead of a 404 on every page.
  app.get('/favicon.ico', (c) => c.redirect(FAVICON_PATH, 301));

  // Asset responses have immutable headers; copy them so that the security headers can be added.
  app.get('/static/*', async (c) => {
    const asset = await c.env.ASSETS.fetch(c.req.raw);
    return new Response(asset.body, asset);
  });

  // The bundles pages link: one stylesheet, one script, named by content, kept by browsers for a year.
  app.get(`${ASSET_PATH_PREFIX}:file`, async (c) => {
    const bundle = await assetBundle(c.env.ASSETS);
    const asset = [bundle.css, bundle.js].find((a) => a.path === c.req.path);
    if (!asset) return c.text('Not found', 404);
    return c.body(asset.body, 200, { 'content-type': asset.contentType, 'cache-control': IMMUTABLE_CACHE });
  });

  app.use(async (c, next) => {
    c.set('assets', await assetNames(c.env.ASSETS));
    await next();
  });

  // Before the demo data: the reference data is the whole database, nothing else.
  app.route('/', referenceSeedRoutes);

  app.use(async (c, next) => {
    if (c.env.ENVIRONMENT === 'development') await ensureDemoData(c.get('deps'));
    await next();
  });

  app.on('GET', [...KEPT_ROUND_PAGE_PATHS, ...KEPT_DIRECTORY_PAGE_PATHS], sessionWithPageRevisions);
  app.use(loadStaff);
  app.use(privacyHeaders);

  app.get('/lang/:locale', (c) => {
    const locale = c.req.param('locale');
    if (isLocale(locale)) {
      setCookie(c, LOCALE_COOKIE, locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'Lax', secure: true, httpOnly: true });
    }
    return c.redirect(safeRedirectPath(c.req.query('next')), 303);
  });

  app.route('/', homeRoutes);
  app.route('/', authRoutes);
  app.route('/', stakeholderRoutes);
  app.route('/', roundRoutes);
  app.route('/', feedbackRoutes);
  app.route('/', opinionRoutes);
  app.route('/', publicationRoutes);
  app.route('/', summaryRoutes);
  app.route('/', meetingRoutes);
  app.route('/', inboundApiRoutes);
  app.route('/', inboundRoutes);
  app.route('/', mailRoutes);
  app.route('/', unsubscribeRoutes);
  app.route('/', webhookRoutes);
  app.route('/', settingsRoutes);
  app.route('/', apiDocsRoutes);
  app.route('/', devMailRoutes);

  app.notFound((c) => {
    if (isApiRequest(c)) return apiError(c, 404, 'not_found', 'error.not_found');
    return c.html(renderErrorPage(c, 'error.not_found.title', 'error.not_found'), 404);
  });

  app.onError((error, c) => {
    // hono's csrf middleware refuses with an HTTPException(403).
    if ('status' in error && error.status === 403 && c.req.method !== 'GET') {
      if (isApiRequest(c)) return apiError(c, 403, 'csrf', 'error.csrf');
      return c.html(renderErrorPage(c, 'error.forbidden.title', 'error.csrf'), 403);
    }
    const id = c.get('requestId') ?? 'unknown';
    console.error(`request ${id} failed`, error);
    if (isApiRequest(c)) {
      return c.json({ error: { code: 'internal', message: c.get('t')('error.internal', { id }) } }, 500);
    }
    return c.html(renderErrorPage(c, 'error.internal.title', 'error.internal', { id }), 500);
  });

  return app;
}
