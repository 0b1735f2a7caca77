/** What a triage action did, said after the redirect: how many opinions changed, to what, and how many already were. */
import { DISPOSITIONS, type Disposition } from '../../db/schema';
import type { Translator } from '../../lib/i18n';

const count = (value: string | undefined) => Math.max(0, Number.parseInt(value ?? '', 10) || 0);

/** `?updated=3&selected=5&to=adopted` → the notice; unknown dispositions fall back to the bare count. */
export function triageFlash(t: Translator, query: Record<string, string>): string | null {
  if (query.updated === undefined) return null;
  const updated = count(query.updated);
  const to = query.to as Disposition | undefined;
  if (!to || !DISPOSITIONS.includes(to)) return t('opinions.triage.done', { updated });
  const disposition = t(`opinions.disposition.${to}`);
  const selected = Math.max(updated, count(query.selected));
  const unchanged = selected - updated;
  return unchanged > 0 ? t('opinions.triage.doneUnchanged', { updated, disposition, selected, unchanged }) : t('opinions.triage.doneTo', { updated, disposition });
}
