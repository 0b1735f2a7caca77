/** A calm error page in the request's language. */
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import type { MessageKey, MessageParams } from '../lib/i18n';
import { Layout } from './layout';
import { pageContext } from './page';

export function renderErrorPage(c: Context<AppEnv>, titleKey: MessageKey, messageKey: MessageKey, params?: MessageParams) {
  const page = pageContext(c);
  return (
    <Layout page={page} title={page.t(titleKey)}>
      <section class="panel">
        <h1>{page.t(titleKey)}</h1>
        <p>{page.t(messageKey, params)}</p>
        <p>
          <a href="/">{page.t('nav.home')}</a>
        </p>
      </section>
    </Layout>
  );
}
