/**
 * Places what was written on paper or in a mail against the round's sections: by the label the form printed (in
 * either language), else by a section label at the start ("第七条", "五（一）"). A row that names no section of
 * this round is kept apart for staff rather than guessed.
 */
import type { InboundOpinion, InboundRow } from '../../db/schema';
import { catalog } from '../../i18n/catalog';
import { createTranslator, LOCALES, translate } from '../../lib/i18n';
import type { SectionRow } from '../feedback/sections';
import { sectionDisplayName } from '../rounds/section-name';
import { normalizeCell, type FilledRow } from './read-form';

export type Placement = { found: InboundOpinion[]; unplaced: InboundRow[] };

type Target = { sectionId: string | null; label: string };

function labelIndex(sections: readonly SectionRow[]): { exact: Map<string, Target>; byNumber: (Target & { key: string })[] } {
  const exact = new Map<string, Target>();
  for (const locale of LOCALES) {
    const t = createTranslator(locale);
    for (const s of sections) exact.set(normalizeCell(sectionDisplayName(t, s)), { sectionId: s.id, label: sectionDisplayName(t, s) });
    exact.set(normalizeCell(catalog[locale]['rounds.section.whole']), { sectionId: null, label: catalog[locale]['rounds.section.whole'] });
  }
  // Longest label first, so that 五（一） wins over 五 for "五（一）2".
  const zh = createTranslator('zh-CN');
  const byNumber = sections
    .filter((s) => s.number)
    .map((s) => ({ sectionId: s.id, label: sectionDisplayName(zh, s), key: normalizeCell(s.number) }))
    .sort((a, b) => b.key.length - a.key.length);
  return { exact, byNumber };
}

export function findSection(sections: readonly SectionRow[], label: string): Target | null {
  const { exact, byNumber } = labelIndex(sections);
  const key = normalizeCell(label);
  if (!key) return null;
  const numbered = byNumber.find((target) => key.startsWith(target.key));
  return exact.get(key) ?? (numbered ? { sectionId: numbered.sectionId, label: numbered.label } : null);
}

/** An opinion and its reason as one text, as the office files it. */
export function opinionText(row: Pick<FilledRow, 'opinion' | 'reason'>): string {
  const reason = row.reason ? translate('zh-CN', 'inbound.import.reasonLabel', { reason: row.reason }) : '';
  return [row.opinion, reason].filter(Boolean).join('\n');
}

export function placeRows(sections: readonly SectionRow[], rows: FilledRow[]): Placement {
  const found: InboundOpinion[] = [];
  const unplaced: InboundRow[] = [];
  for (const row of rows) {
    const text = opinionText(row);
    if (!text) continue;
    const target = findSection(sections, row.label);
    if (!target) {
      unplaced.push({ label: row.label, text });
      continue;
    }
    const same = found.find((o) => o.sectionId === target.sectionId);
    if (same) same.text = `${same.text}\n${text}`;
    else found.push({ sectionId: target.sectionId, label: target.label, text });
  }
  return { found, unplaced };
}
