/** "Your opinion led to this change": the changes an adopted opinion led to, each with its diff. */
import type { Translator } from '../../lib/i18n';
import { DiffUnitView, type DiffUnit } from '../rounds/diff-views';

export function LedToChange({ t, changes }: { t: Translator; changes: DiffUnit[] | undefined }) {
  if (!changes?.length) return null;
  return (
    <div class="diff-links">
      <p>
        <strong>{t('publication.ledToChange')}</strong>
      </p>
      {changes.map((change) => (
        <DiffUnitView t={t} entry={change} headingTag="h4" />
      ))}
    </div>
  );
}
