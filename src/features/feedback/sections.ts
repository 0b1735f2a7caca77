/** How sections are named to readers and clients. */
import { sectionDisplayName } from '../rounds/section-name';
import type { roundSections } from '../../db/schema';
import type { Translator } from '../../lib/i18n';

export type SectionRow = typeof roundSections.$inferSelect;

/** `五（二）1 助力重点产业创新`; a preamble has neither number nor heading. */
export function sectionTitle(section: Pick<SectionRow, 'number' | 'heading'>, t: Translator): string {
  return sectionDisplayName(t, section);
}

/** Sections as the API gives them: parents by id rather than by key. */
export function apiSections(sections: readonly SectionRow[]) {
  const idByKey = new Map(sections.map((s) => [s.key, s.id]));
  return sections.map((s) => ({
    id: s.id,
    number: s.number,
    heading: s.heading,
    body: s.body,
    depth: s.depth,
    parentId: s.parentKey ? (idByKey.get(s.parentKey) ?? null) : null,
  }));
}
