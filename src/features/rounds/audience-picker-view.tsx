/** The hand-picking part of an audience form: picked people with remove buttons, a directory search with add buttons. Pure view. */
import type { PageContext } from '../../ui/layout';
import { PICKER_QUERY_MAX, type PickedPerson, type PickerData } from './audience-picker';

export const PICKER_ANCHOR = 'audience-picker';

const label = (p: PickedPerson) => (p.organization ? `${p.name}（${p.organization}）` : p.name);

type Props = {
  page: PageContext;
  data: PickerData;
  /** The form's action: the picker's buttons post there too, and come back to the picker. */
  action: string;
  legend: string;
  error?: string;
  queryError?: string;
};

export function AudiencePicker({ page, data, action, legend, error, queryError }: Props) {
  const { t } = page;
  const { state, picked, results } = data;
  // The picker's buttons re-show the form at the picker rather than at the top of a long page.
  const here = `${action}#${PICKER_ANCHOR}`;
  const pickedIds = new Set(picked.map((p) => p.id));
  return (
    <fieldset class={error ? 'field field--error audience-picker' : 'field audience-picker'} id={PICKER_ANCHOR}>
      <legend>
        {legend}
        <span class="field__optional"> {t('common.optional')}</span>
      </legend>
      <p class="field__hint">{t('rounds.picker.hint')}</p>
      {error ? <p class="field__error">{error}</p> : null}
      <p>
        <strong>{picked.length ? t('rounds.picker.picked', { count: picked.length }) : t('rounds.picker.pickedNone')}</strong>
      </p>
      {picked.length ? (
        <ul class="audience-picker__picked">
          {picked.map((p) => (
            <li>
              <input type="hidden" name="stakeholderIds" value={p.id} />
              {label(p)}{' '}
              <button type="submit" name="pickRemove" value={p.id} formaction={here} class="button--quiet">
                {t('rounds.picker.remove')}
                <span class="visually-hidden">：{p.name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div class={queryError ? 'field field--error' : 'field'}>
        <label for="pickQuery">{t('rounds.picker.query')}</label>
        {queryError ? (
          <p class="field__error" id="pickQuery-error">
            {queryError}
          </p>
        ) : null}
        <input id="pickQuery" name="pickQuery" type="search" value={state.query} maxlength={PICKER_QUERY_MAX} aria-describedby={queryError ? 'pickQuery-error' : undefined} />
        <button type="submit" name="pickSearch" value="1" formaction={here} class="button--secondary">
          {t('rounds.picker.search')}
        </button>
      </div>
      <input type="hidden" name="pickAt" value={String(state.page)} />
      {results ? <input type="hidden" name="pickShown" value="1" /> : null}
      {results ? <PickerResults page={page} data={data} here={here} pickedIds={pickedIds} /> : null}
    </fieldset>
  );
}

function PickerResults({ page, data, here, pickedIds }: { page: PageContext; data: PickerData; here: string; pickedIds: Set<string> }) {
  const { t } = page;
  const results = data.results ?? [];
  if (results.length === 0) return <p role="status">{t('rounds.picker.noResults')}</p>;
  const current = data.state.page;
  return (
    <div class="audience-picker__results">
      <p role="status">{t('rounds.picker.results', { count: data.total, page: current + 1, pages: data.pages })}</p>
      <ul>
        {results.map((p) => (
          <li>
            {/* Title and address tell namesakes apart. */}
            {label(p)} · {t(`category.${p.category}`)}
            {p.title ? ` · ${p.title}` : ''}
            {p.email ? ` · ${p.email}` : ''}{' '}
            {pickedIds.has(p.id) ? (
              <span class="badge">{t('rounds.picker.added')}</span>
            ) : (
              <button type="submit" name="pickAdd" value={p.id} formaction={here} class="button--secondary">
                {t('rounds.picker.add')}
                <span class="visually-hidden">：{p.name}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      <div class="button-row">
        {current > 0 ? (
          <button type="submit" name="pickPage" value={String(current - 1)} formaction={here} class="button--quiet">
            {t('rounds.picker.prev')}
          </button>
        ) : null}
        {current + 1 < data.pages ? (
          <button type="submit" name="pickPage" value={String(current + 1)} formaction={here} class="button--quiet">
            {t('rounds.picker.next')}
          </button>
        ) : null}
        {results.some((p) => !pickedIds.has(p.id)) ? (
          <button type="submit" name="pickAddPage" value="1" formaction={here} class="button--secondary">
            {t('rounds.picker.addPage')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
