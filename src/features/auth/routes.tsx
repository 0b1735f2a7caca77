/** HTTP routes of the auth feature: sign-in by emailed link, its confirmation, sign-out. */
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../env';
import { clientIp, safeRedirectPath } from '../../lib/http';
import { isLocale, LOCALE_COOKIE } from '../../lib/i18n';
import { validate } from '../../lib/validation';
import { pageContext } from '../../ui/page';
import { signInSchema, verifySchema } from './schemas';
import { requestSignIn, signOut, verifySignIn } from './service';
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE } from './sessions';
import { CheckMailPage, InvalidLinkPage, SignInPage, VerifyPage } from './views';
import { usesLocalMailbox } from '../mail/service';

export const authRoutes = new Hono<AppEnv>();

const YEAR_SECONDS = 365 * 24 * 3600;

async function formFields(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') fields[key] = value;
  return fields;
}

authRoutes.get('/auth/sign-in', (c) => {
  const next = safeRedirectPath(c.req.query('next'));
  if (c.get('staff')) return c.redirect(next, 303);
  return c.html(<SignInPage page={pageContext(c)} email="" next={next} />);
});

authRoutes.post('/auth/sign-in', async (c) => {
  const fields = await formFields(c);
  const next = safeRedirectPath(fields.next);
  const page = pageContext(c);
  const input = validate(signInSchema, fields, c.get('locale'));
  if (!input.ok) return c.html(<SignInPage page={page} email={fields.email ?? ''} next={next} errors={input.fields} />, 400);
  const result = await requestSignIn(c.get('deps'), { email: input.value.email, ip: clientIp(c), next });
  if (!result.ok) return c.html(<SignInPage page={page} email={fields.email ?? ''} next={next} rateLimited />, 429);
  // The same page whether or not a mail was sent: nobody learns who is staff.
  return c.html(<CheckMailPage page={page} next={next} localMailbox={usesLocalMailbox(c.get('deps').config)} />);
});

// GET must not spend the token: mail scanners open links. The token is in the fragment (never sent, never logged);
// the page only shows a button that posts it. A `?token=` from an older link is dropped, never echoed into the page.
authRoutes.get('/auth/verify', (c) => {
  const next = safeRedirectPath(c.req.query('next'));
  if (c.req.query('token') !== undefined) return c.redirect(next === '/' ? '/auth/verify' : `/auth/verify?${new URLSearchParams({ next })}`, 303);
  c.header('Cache-Control', 'no-store');
  return c.html(<VerifyPage page={pageContext(c)} next={next} />);
});

authRoutes.post('/auth/verify', async (c) => {
  const fields = await formFields(c);
  const next = safeRedirectPath(fields.next);
  const input = validate(verifySchema, fields, c.get('locale'));
  const result = input.ok
    ? await verifySignIn(c.get('deps'), input.value.token, {
        userAgent: c.req.header('user-agent') ?? null,
        oldCookieValue: getCookie(c, SESSION_COOKIE) ?? null,
      })
    : input;
  if (!result.ok) return c.html(<InvalidLinkPage page={pageContext(c)} next={next} />, 400);
  setCookie(c, SESSION_COOKIE, result.value.cookieValue, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
  if (isLocale(result.value.locale)) {
    setCookie(c, LOCALE_COOKIE, result.value.locale, { path: '/', maxAge: YEAR_SECONDS, sameSite: 'Lax', secure: true, httpOnly: true });
  }
  return c.redirect(next, 303);
});

// Open to anonymous requests too: a stale page's sign-out button must still clear the cookie.
authRoutes.post('/auth/sign-out', async (c) => {
  const cookie = getCookie(c, SESSION_COOKIE);
  if (cookie) await signOut(c.get('deps'), cookie, c.get('staff'));
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
  return c.redirect('/auth/sign-in', 303);
});
