/**
 * The "are you sure" step of a consequential action, rendered by the server so it works without JavaScript: a POST
 * without `confirm=1` shows this page, which states what will happen and posts the same fields again with it.
 */
import { Notice } from './form';
import { Layout, type NavSection, type PageContext } from './layout';

/** The field that tells a route the person saw the consequences and confirmed. */
export const CONFIRM_FIELD = 'confirm';

type FieldValue = string | string[];

export function isConfirmed(form: Record<string, unknown>): boolean {
  const value = form[CONFIRM_FIELD];
  return (Array.isArray(value) ? value[0] : value) === '1';
}

type ConfirmPageProps = {
  page: PageContext;
  nav: NavSection;
  title: string;
  /** What will happen, one sentence each, in the order it happens. */
  consequences: string[];
  action: string;
  /** Everything the first POST carried, so the confirmed POST does the same thing. */
  fields?: Record<string, FieldValue>;
  confirmLabel: string;
  cancelHref: string;
  danger?: boolean;
};

export function ConfirmPage({ page, nav, title, consequences, action, fields = {}, confirmLabel, cancelHref, danger = false }: ConfirmPageProps) {
  const { t } = page;
  return (
    <Layout page={page} title={title} nav={nav}>
      <div class="narrow">
        <h1>{title}</h1>
        <Notice kind="warning">
          <p>{t('confirm.willHappen')}</p>
          <ul class="confirm-consequences">
            {consequences.map((line) => (
              <li>{line}</li>
            ))}
          </ul>
        </Notice>
        <form method="post" action={action}>
          {Object.entries(fields).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((item) => <input type="hidden" name={name} value={item} />))}
          <input type="hidden" name={CONFIRM_FIELD} value="1" />
          <div class="button-row">
            <button type="submit" class={danger ? 'button--danger' : undefined}>
              {confirmLabel}
            </button>
            <a class="button button--quiet" href={cancelHref}>
              {t('confirm.goBack')}
            </a>
          </div>
        </form>
      </div>
    </Layout>
  );
}
