/** The preview's corrections of a split: a heading made body text, any line made a heading of a chosen level. */
import { SelectField, TextField } from '../../ui/form';
import type { PageContext } from '../../ui/layout';
import { FIX_LEVELS, type DraftSection, type FixLevelName } from './split-draft';
import { decodeFixes, encodeFix } from './split-fixes';

const levelNames = Object.keys(FIX_LEVELS) as FixLevelName[];

/** The fixes so far travel with the form as hidden fields, so that every preview and the save apply them. */
export function SplitFixFields({ fixes }: { fixes: string[] }) {
  return (
    <>
      {fixes.map((fix) => (
        <input type="hidden" name="fix" value={fix} />
      ))}
    </>
  );
}

/** Under each unit of the preview: make its line body text. */
export function NotAHeadingButton({ page, section }: { page: PageContext; section: { line?: string } }) {
  if (!section.line) return null;
  return (
    <button type="submit" name="addFix" value={encodeFix({ line: section.line, level: FIX_LEVELS.body })} class="button button--link">
      {page.t('rounds.fix.notHeading')}
    </button>
  );
}

export function SplitFixForm({ page, fixes }: { page: PageContext; fixes: string[] }) {
  const { t } = page;
  const applied = decodeFixes(fixes);
  return (
    <fieldset class="field split-fix">
      <legend>{t('rounds.fix.legend')}</legend>
      <TextField name="fixLine" label={t('rounds.fix.line')} hint={t('rounds.fix.line.hint')} value="" />
      <SelectField name="fixLevel" label={t('rounds.fix.level')} value={String(FIX_LEVELS.article)} options={levelNames.map((name) => ({ value: String(FIX_LEVELS[name]), label: t(`rounds.fix.level.${name}`) }))} />
      <button type="submit" name="intent" value="fix" class="button button--secondary">
        {t('rounds.fix.apply')}
      </button>
      {applied.length ? (
        <ul class="split-fix__list">
          {applied.map((fix) => (
            <li>
              {t('rounds.fix.applied', { line: fix.line, level: t(`rounds.fix.level.${levelNames.find((name) => FIX_LEVELS[name] === fix.level) ?? 'body'}`) })}{' '}
              <button type="submit" name="dropFix" value={encodeFix(fix)} class="button button--link">
                {t('rounds.fix.drop')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
