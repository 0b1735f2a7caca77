/** Pages of the sign-in flow; pure functions of data. */
import type { FieldErrors } from '../../lib/result';
import { ErrorSummary, Notice, TextField } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { SIGN_IN_LIMIT_PER_ADDRESS, SIGN_IN_LIMIT_PER_IP, SIGN_IN_LINK_MINUTES, SIGN_IN_WINDOW_MINUTES } from './service';
import { EMAIL_MAX, TOKEN_MAX } from './schemas';
import { LOCAL_MAILBOX_PATH } from '../mail/service';

function signInHref(next: string): string {
  return next === '/' ? '/auth/sign-in' : `/auth/sign-in?next=${encodeURIComponent(next)}`;
}

type SignInPageProps = { page: PageContext; email: string; next: string; errors?: FieldErrors; rateLimited?: boolean };

/** The form; after a refusal (bad address, too many requests) it comes back with the address as typed. */
export function SignInPage({ page, email, next, errors, rateLimited }: SignInPageProps) {
  const { t } = page;
  return (
    <Layout page={page} title={t('auth.signIn.title')}>
      <section class="panel narrow auth-panel">
        <h1>{t('auth.signIn.title')}</h1>
        <ErrorSummary t={t} errors={errors} labels={{ email: t('auth.signIn.email') }} />
        {rateLimited ? (
          <Notice kind="warning">
            {t('auth.rateLimited.body', { minutes: SIGN_IN_WINDOW_MINUTES, perAddress: SIGN_IN_LIMIT_PER_ADDRESS, perIp: SIGN_IN_LIMIT_PER_IP })}
          </Notice>
        ) : null}
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

/**
 * The token comes in the URL fragment, which browsers never send, so it reaches no log; /static/auth-verify.js moves it
 * into the form. Without scripts the person pastes the code the email also shows. Nothing is spent until the button.
 */
export function VerifyPage({ page, next }: { page: PageContext; next: string }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('auth.verify.title')} noindex>
      <section class="panel narrow auth-panel">
        <h1>{t('auth.verify.title')}</h1>
        <p>{t('auth.verify.intro')}</p>
        <form method="post" action="/auth/verify" data-fragment-token="token" novalidate>
          <input type="hidden" name="next" value={next} />
          <div data-code-field>
            <TextField name="token" label={t('auth.verify.code')} hint={t('auth.verify.codeHint')} value="" required maxLength={TOKEN_MAX} autocomplete="off" />
          </div>
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
