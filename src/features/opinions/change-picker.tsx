/** Ticks on one opinion's form: the draft changes that carry it out, each shown with its diff. */
import type { Translator } from '../../lib/i18n';
import { DiffText } from '../rounds/diff-views';
import type { ChangeView } from '../rounds/change-diffs';
import { sectionDisplayName } from '../rounds/section-name';
import { diffText } from '../rounds/text-diff';

export function ChangePicker({ t, changes, linked, error }: { t: Translator; changes: ChangeView[]; linked: string[]; error?: string }) {
  if (changes.length === 0) return null;
  return (
    <fieldset id="changes" class={error ? 'field field--error change-picker' : 'field change-picker'} aria-describedby={error ? 'changes-hint changes-error' : 'changes-hint'}>
      <legend>{t('opinions.changes.legend')}</legend>
      <p class="field__hint" id="changes-hint">
        {t('opinions.changes.hint')}
      </p>
      {error ? (
        <p class="field__error" id="changes-error">
          {error}
        </p>
      ) : null}
      {/* Tells the route the ticks were offered, so none ticked clears the links. */}
      <input type="hidden" name="changesShown" value="1" />
      {changes.map((change) => (
        <div class="change-option">
          <input type="checkbox" id={`change-${change.id}`} name="changes" value={change.id} checked={linked.includes(change.id)} />
          <label for={`change-${change.id}`}>
            {`${t('opinions.changes.version', { number: change.versionNumber })} · ${sectionDisplayName(t, { number: change.label, heading: change.heading })} · ${t(`rounds.diff.change.${change.change}`)}`}
          </label>
          <DiffText t={t} parts={diffText(change.before, change.after)} />
        </div>
      ))}
    </fieldset>
  );
}
