/**
 * How every page, export and email names a section: its label as readers cite it (第七条, 第二章, 五（一）) and its
 * heading where there is one — never a position number. Opinions on no section are on the whole draft.
 */
import type { Translator } from '../../lib/i18n';

export type NamedSection = { number: string | null; heading: string | null };

export function sectionDisplayName(t: Translator, section: NamedSection): string {
  return `${section.number ?? ''} ${section.heading ?? ''}`.trim() || t('rounds.section.preamble');
}

/** A section, or the whole draft when there is none (an opinion without a section). */
export function sectionOrWhole(t: Translator, section: NamedSection | null, whole: string = t('rounds.section.whole')): string {
  return section ? sectionDisplayName(t, section) : whole;
}

/**
 * For rows that carry their section as `sectionNumber`/`sectionHeading` (opinions left-joined with their section):
 * no section (a null id, or a null label from the join) is the whole draft.
 */
export function opinionSectionName(t: Translator, o: { sectionId?: string | null; sectionNumber: string | null; sectionHeading: string | null }, whole?: string): string {
  const onSection = o.sectionId === undefined ? o.sectionNumber !== null : o.sectionId !== null;
  return sectionOrWhole(t, onSection ? { number: o.sectionNumber, heading: o.sectionHeading } : null, whole);
}
