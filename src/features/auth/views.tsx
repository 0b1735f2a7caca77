/** Pages of the sign-in flow; pure functions of data. */
import type { FieldErrors } from '../../lib/result';
import { ErrorSummary, TextField } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { SIGN_IN_LIMIT_PER_ADDRESS, SIGN_IN_LIMIT_PER_IP, SIGN_IN_LINK_MINUTES, SIGN_IN_WINDOW_MINUTES } from './service';
import { EMAIL_MAX } from './schemas';
import { LOCAL_MAILBOX_PATH } from '../mail/service';

function signInHref(next: string): string {
  return next === '/' ? '/auth/sign-in' : `/auth/sign-in?next=${encodeURIComponent(next)}`;
}


export function SignInPage({ page, email, next, errors }: { page: PageContext; email: string; next: string; errors?: FieldErrors }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('auth.signIn.title')}>
      <section class="panel narrow auth-panel">
        <h1>{t('auth.signIn.title')}</h1>
        <ErrorSummary t={t} errors={errors} labels={{ email: t('auth.signIn.email') }} />
        <p>{t('auth.signIn.intro')}</p>
        <form method="post" action="/auth/sign-in" novalidate>
          <input type="hidden" name="next" value={next} />
          <TextField
            name="email"
            type="email"
            label={t('auth.signIn.email')}
            value={email}
            error={errors?.email}
            required
            maxLength={EMAIL_MAX}
            autocomplete="email"
          />
          <button type="submit">{t('auth.signIn.submit')}</button>
        </form>
      </section>
    </Layout>
  );
}

/** Says nothing about the address, so that two requests can never be told apart by their answer. */
/** `localMailbox`: in development the mail is not sent but kept on /dev/mail; the page says so and links there. */
export function CheckMailPage({ page, next, localMailbox = false }: { page: PageContext; next: string; localMailbox?: boolean }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('auth.checkMail.title')}>
      <section class="panel narrow auth-panel">
        <h1>{t('auth.checkMail.title')}</h1>
        <p>{t('auth.checkMail.body', { minutes: SIGN_IN_LINK_MINUTES })}</p>
        {localMailbox ? (
          <p class="notice">
            {t('auth.checkMail.local')} <a href={LOCAL_MAILBOX_PATH}>{t('auth.checkMail.localLink')}</a>
          </p>
        ) : null}
        <p>
          <a href={signInHref(next)}>{t('auth.checkMail.again')}</a>
        </p>
      </section>
    </Layout>
  );
}

export function RateLimitedPage({ page }: { page: PageContext }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('auth.rateLimited.title')}>
      <section class="panel narrow auth-panel">
        <h1>{t('auth.rateLimited.title')}</h1>
        <p>
          {t('auth.rateLimited.body', {
            minutes: SIGN_IN_WINDOW_MINUTES,
            perAddress: SIGN_IN_LIMIT_PER_ADDRESS,
            perIp: SIGN_IN_LIMIT_PER_IP,
          })}
        </p>
      </section>
    </Layout>
  );
}

export function VerifyPage({ page, token, next }: { page: PageContext; token: string; next: string }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('auth.verify.title')} noindex>
      <section class="panel narrow auth-panel">
        <h1>{t('auth.verify.title')}</h1>
        <p>{t('auth.verify.intro')}</p>
        <form method="post" action="/auth/verify">
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="next" value={next} />
          <button type="submit" class="auth-verify__button">
            {t('auth.verify.submit')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

export function InvalidLinkPage({ page, next }: { page: PageContext; next: string }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('auth.invalidLink.title')} noindex>
      <section class="panel narrow auth-panel">
        <h1>{t('auth.invalidLink.title')}</h1>
        <p>{t('auth.invalidLink.body', { minutes: SIGN_IN_LINK_MINUTES })}</p>
        <p>
          <a class="button" href={signInHref(next)}>
            {t('auth.invalidLink.again')}
          </a>
        </p>
      </section>
    </Layout>
  );
}
