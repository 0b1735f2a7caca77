/** The page shell: header, staff navigation, language switch, main content. Works without JavaScript. */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { CurrentStaff } from '../features/auth/guard';
import { LOCALES, type Locale, type Translator } from '../lib/i18n';
import { isCapabilityPath } from '../lib/privacy-headers';
import type { AssetNames } from './assets';

/** Without it every page renders in quirks mode, where WeChat's WebViews differ most from other browsers. */
const DOCTYPE = raw('<!doctype html>');

export type NavSection = 'home' | 'stakeholders' | 'rounds' | 'meetings' | 'mail' | 'settings';

export type PageContext = {
  t: Translator;
  locale: Locale;
  staff: CurrentStaff | null;
  /** The current path with its query, for the language switch to come back to. */
  path: string;
  /** The page's one stylesheet and one script (every page script is in it; see ui/assets.ts). */
  assets: AssetNames;
  /** Opened in WeChat's in-app browser, which cannot download files. */
  inWeChat: boolean;
};

type LayoutProps = {
  page: PageContext;
  title: string;
  nav?: NavSection;
  /** Pages with tokens in their URL must not be indexed (capability-link paths are never indexed anyway). */
  noindex?: boolean;
  children?: Child;
};

const NAV_ITEMS: { section: NavSection; href: string; key: 'nav.stakeholders' | 'nav.rounds' | 'nav.meetings' | 'nav.mail' | 'nav.settings' }[] = [
  { section: 'stakeholders', href: '/stakeholders', key: 'nav.stakeholders' },
  { section: 'rounds', href: '/rounds', key: 'nav.rounds' },
  { section: 'meetings', href: '/meetings', key: 'nav.meetings' },
  { section: 'mail', href: '/mail', key: 'nav.mail' },
  { section: 'settings', href: '/settings', key: 'nav.settings' },
];

/** A round table seen from above; an SVG, so one small file serves every size. */
export const FAVICON_PATH = '/static/favicon.svg';

export function Layout({ page, title, nav, noindex, children }: LayoutProps) {
  const { t, locale, staff } = page;
  return (
    <>
      {DOCTYPE}
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          {noindex || isCapabilityPath(page.path) ? <meta name="robots" content="noindex, nofollow" /> : null}
          <title>{`${title} · ${t('app.name')}`}</title>
          <link rel="icon" href={FAVICON_PATH} type="image/svg+xml" />
          <link rel="stylesheet" href={page.assets.css} />
          <script src={page.assets.js} defer></script>
        </head>
        <body>
          <a class="skip-link" href="#main">
            {t('nav.skipToContent')}
          </a>
          <header class="site-header">
            <div class="site-header__inner">
              <a class="brand" href={staff ? '/' : '#main'}>
                {t('app.name')}
              </a>
              <LanguageSwitch page={page} />
              {staff ? (
                <form method="post" action="/auth/sign-out" class="sign-out">
                  <span class="who">{t('nav.signedInAs', { name: staff.name })}</span>
                  <button type="submit" class="button button--quiet">
                    {t('nav.signOut')}
                  </button>
                </form>
              ) : null}
            </div>
            {staff ? (
              <nav class="site-nav" aria-label={t('nav.main')}>
                <ul>
                  {NAV_ITEMS.map((item) => (
                    <li>
                      <a href={item.href} aria-current={nav === item.section ? 'page' : undefined}>
                        {t(item.key)}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
          </header>
          <main id="main" class="main">
            {children}
          </main>
        </body>
      </html>
    </>
  );
}

function LanguageSwitch({ page }: { page: PageContext }) {
  const other = LOCALES.filter((locale) => locale !== page.locale);
  return (
    <nav class="lang-switch" aria-label={page.t('lang.switch')}>
      {other.map((locale) => (
        <a href={`/lang/${locale}?next=${encodeURIComponent(page.path)}`} hreflang={locale} lang={locale}>
          {page.t(`lang.${locale}`)}
        </a>
      ))}
    </nav>
  );
}
