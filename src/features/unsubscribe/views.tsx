/** The unsubscribe confirm page and its answer. Pure functions of data. */
import type { Translator } from '../../lib/i18n';
import { Notice } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { kindLabel } from '../mail/views';
import type { UnsubscribeTarget } from './tokens';

export function topicLabel(t: Translator, kind: string): string {
  if (kind === '*') return t('unsubscribe.kind.all');
  if (kind === 'rounds') return t('unsubscribe.kind.rounds');
  if (kind === 'meetings') return t('unsubscribe.kind.meetings');
  return kindLabel(t, kind);
}

type Props = { page: PageContext; token: string; target: UnsubscribeTarget; state: 'ask' | 'done' | 'already'; scope?: string };

/** GET shows this page and changes nothing: mail scanners open links. The buttons POST. */
export function UnsubscribePage({ page, token, target, state, scope }: Props) {
  const { t } = page;
  const kind = topicLabel(t, scope === '*' ? '*' : target.kind);
  const params = { email: target.email, kind };
  return (
    <Layout page={page} title={t('unsubscribe.title')} noindex>
      <section class="panel unsubscribe">
        <h1>{t('unsubscribe.title')}</h1>
        {state === 'done' ? <Notice kind="success">{t('unsubscribe.done', params)}</Notice> : null}
        {state === 'already' ? <Notice>{t('unsubscribe.already', params)}</Notice> : null}
        {state === 'ask' ? (
          <>
            <p>{t('unsubscribe.intro', params)}</p>
            <p class="muted">{t('unsubscribe.note')}</p>
            <div class="button-row">
              <form method="post" action={`/u/${token}`} class="inline-form">
                <button type="submit">{t('unsubscribe.confirm')}</button>
              </form>
              {target.kind !== '*' ? (
                <form method="post" action={`/u/${token}`} class="inline-form">
                  <input type="hidden" name="scope" value="all" />
                  <button type="submit" class="button button--secondary">
                    {t('unsubscribe.all')}
                  </button>
                </form>
              ) : null}
            </div>
          </>
        ) : null}
      </section>
    </Layout>
  );
}

export function InvalidUnsubscribePage({ page }: { page: PageContext }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('unsubscribe.title')} noindex>
      <section class="panel">
        <h1>{t('unsubscribe.title')}</h1>
        <Notice kind="warning">{t('unsubscribe.invalid')}</Notice>
      </section>
    </Layout>
  );
}
