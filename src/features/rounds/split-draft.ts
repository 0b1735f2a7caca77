/**
 * Splits a pasted draft (plain text or Markdown) into nested sections by its headings: the units of Chinese legal
 * texts (编 > 章 > 节 > 条), the numbering of policy documents (一、 > （一） > 1. > （1）) and Markdown headings.
 * The organizer's fixes (a line made a heading or body text) override what the text suggests. Pure: no I/O.
 */
import { isLegalText, LEGAL_LEVEL, legalMarkerOf, policyMarkerOf, tableOfContentsRe, type LegalUnit } from './legal-units';

export const DRAFT_MAX_CHARS = 200_000;
export const DRAFT_MAX_SECTIONS = 500;
export const SPLIT_FIXES_MAX = 200;
/** A numbered plain-text line longer than this, or ending like a sentence, is body text (a list item), not a heading. */
const PLAIN_HEADING_MAX_CHARS = 40;
/** A first line this short, not ending like a sentence, before the first unit is the draft's title. */
const TITLE_MAX_CHARS = 80;
/** Policy numbering nests below legal units, which nest below Markdown headings (levels 1–6). */
const POLICY_LEVEL_BASE = 30;

export type DraftSection = {
  /** Stable within a draft: the path of positions, e.g. `5.2.1`; used to carry comments across a re-split. */
  key: string;
  parentKey: string | null;
  depth: number;
  /** The unit's label as readers cite it: `第七条`, `第二章`, `第二章第一节`, `五（二）1`; empty for a preamble. */
  number: string;
  heading: string;
  body: string;
  position: number;
  /** The source line that starts the unit (empty for a preamble or a paragraph): what a fix names. */
  line: string;
};

export type SplitDraft = { title: string | null; sections: DraftSection[] };

/** An organizer's correction of the split: the line (trimmed) becomes body text (level 0) or a heading of a level. */
export type SplitFix = { line: string; level: number };

/** The levels a fix can give a line, outermost first, named as the preview offers them. */
export const FIX_LEVELS = { body: 0, part: LEGAL_LEVEL.part, chapter: LEGAL_LEVEL.chapter, section: LEGAL_LEVEL.section, article: LEGAL_LEVEL.article, policy1: POLICY_LEVEL_BASE + 1, policy2: POLICY_LEVEL_BASE + 2, policy3: POLICY_LEVEL_BASE + 3, policy4: POLICY_LEVEL_BASE + 4 } as const;
export type FixLevelName = keyof typeof FIX_LEVELS;

type Marker = { label: string; rest: string; unit?: LegalUnit; policy?: boolean };
type HeadingLine = { level: number; marker: Marker | null; heading: string; line: string };

const markdownHeadingRe = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const sentenceEndRe = /[。；;！？!?，,：:]$/;
const bracketedTitleRe = /^[【〔]([^】〕]{1,40})[】〕]\s*(.*)$/;
/** `（征求意见稿）`, `（草案）`, `（2024年修订）` on the line after the title belong to it. */
const titleSuffixRe = /^[（(][^（()）]{1,30}[)）]$/;

function markerOf(text: string, legal: boolean): Marker | null {
  const unit = legalMarkerOf(text);
  if (unit && (legal || unit.unit !== 'article')) return { label: unit.label, rest: unit.rest, unit: unit.unit };
  const policy = policyMarkerOf(text);
  return policy ? { label: policy.label, rest: policy.rest, policy: true } : null;
}

function readHeading(trimmed: string, legal: boolean, fixes: Map<string, number>): HeadingLine | null {
  const fixed = fixes.get(trimmed);
  if (fixed === 0) return null;
  const md = markdownHeadingRe.exec(trimmed);
  const text = md ? md[2]!.trim() : trimmed;
  if (fixed !== undefined) return { level: fixed, marker: markerOf(text, true), heading: text, line: trimmed };
  if (md) return { level: md[1]!.length, marker: markerOf(text, legal), heading: text, line: trimmed };
  const unit = legalMarkerOf(trimmed);
  if (unit && (legal || unit.unit !== 'article')) return { level: LEGAL_LEVEL[unit.unit], marker: { label: unit.label, rest: unit.rest, unit: unit.unit }, heading: trimmed, line: trimmed };
  // Inside a legal text, （一） and 1. are the items of an article: body text.
  if (legal) return null;
  const policy = policyMarkerOf(trimmed);
  if (!policy || !policy.rest) return null;
  if (trimmed.length > PLAIN_HEADING_MAX_CHARS || sentenceEndRe.test(trimmed)) return null;
  return { level: POLICY_LEVEL_BASE + policy.rank, marker: { label: policy.label, rest: policy.rest, policy: true }, heading: trimmed, line: trimmed };
}

type Open = { level: number; key: string; number: string; unit: LegalUnit | null; childCount: number };

export function splitDraft(source: string, fixList: SplitFix[] = []): SplitDraft {
  const lines = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const fixes = new Map(fixList.map((f) => [f.line.trim(), f.level]));
  const legal = isLegalText(lines);
  const headings = headingsOf(lines, legal, fixes);
  const titleLines = titleLinesOf(lines, headings, fixes);
  const title = titleLines.length ? titleLines.map((i) => headingText(lines[i]!)).join('') : null;

  const sections: DraftSection[] = [];
  const stack: Open[] = [];
  let topCount = 0;
  let bodyLines: string[] = [];
  let current: DraftSection | null = null;

  const flushBody = () => {
    const body = bodyLines.join('\n').trim();
    if (current) current.body = body;
    else if (body) {
      // Text before the first heading (a 前言 or preamble): readers can comment on it too.
      sections.push({ key: '0', parentKey: null, depth: 0, number: '', heading: '', body, position: sections.length, line: '' });
    }
    bodyLines = [];
  };

  lines.forEach((line, index) => {
    if (titleLines.includes(index)) return;
    const heading = headings.get(index);
    if (!heading) {
      bodyLines.push(line);
      return;
    }
    flushBody();
    while (stack.length && stack[stack.length - 1]!.level >= heading.level) stack.pop();
    const parent = stack[stack.length - 1] ?? null;
    const ordinal = parent ? ++parent.childCount : ++topCount;
    const key = parent ? `${parent.key}.${ordinal}` : String(ordinal);
    // A heading without numbering is named by its heading alone: a position number would mean nothing to readers.
    const own = heading.marker?.label ?? '';
    const number = parent && own ? joinLabel(parent, own, heading.marker) : own;
    const { title: headingTitle, firstLine } = headingParts(heading);
    current = { key, parentKey: parent?.key ?? null, depth: stack.length + 1, number, heading: headingTitle, body: '', position: sections.length, line: heading.line };
    sections.push(current);
    if (firstLine) bodyLines.push(firstLine);
    stack.push({ level: heading.level, key, number, unit: heading.marker?.unit ?? null, childCount: 0 });
  });
  flushBody();

  if (sections.length === 1 && sections[0]!.number === '') return { title, sections: splitParagraphs(sections[0]!.body) };
  return { title, sections };
}

/** Which lines are headings, skipping a table of contents (目录), whose chapter lines repeat the real ones. */
function headingsOf(lines: string[], legal: boolean, fixes: Map<string, number>): Map<number, HeadingLine> {
  const headings = new Map<number, HeadingLine>();
  let contents: Set<string> | null = null;
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (!trimmed) return;
    if (tableOfContentsRe.test(trimmed) && !fixes.has(trimmed)) {
      contents = new Set();
      return;
    }
    const heading = readHeading(trimmed, legal, fixes);
    if (contents && heading?.marker?.unit && heading.marker.unit !== 'article' && !contents.has(heading.marker.label)) {
      contents.add(heading.marker.label);
      return;
    }
    contents = null;
    if (heading) headings.set(index, heading);
  });
  return headings;
}

/**
 * The title: a single leading `# …`, or a short first line (with a bracketed `（征求意见稿）` line after it) that
 * comes before the first unit and does not read like a sentence. A fix making the line body text keeps it a section.
 */
function titleLinesOf(lines: string[], headings: Map<number, HeadingLine>, fixes: Map<string, number>): number[] {
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first < 0 || headings.size === 0) return [];
  const trimmed = lines[first]!.trim();
  if (fixes.get(trimmed) === 0) return [];
  const h1Count = lines.filter((line) => /^#\s/.test(line.trim())).length;
  if (headings.has(first)) return /^#\s/.test(trimmed) && h1Count === 1 && !fixes.has(trimmed) ? [first] : [];
  if (trimmed.length > TITLE_MAX_CHARS || sentenceEndRe.test(trimmed) || /。/.test(trimmed)) return [];
  const next = lines.findIndex((line, i) => i > first && line.trim() !== '');
  return next >= 0 && !headings.has(next) && titleSuffixRe.test(lines[next]!.trim()) ? [first, next] : [first];
}

function headingText(line: string): string {
  const trimmed = line.trim();
  return (markdownHeadingRe.exec(trimmed)?.[2] ?? trimmed).trim();
}

/** An article's text follows its number on the same line: that is body; a `【立法目的】` title is its heading. */
function headingParts(heading: HeadingLine): { title: string; firstLine: string } {
  const marker = heading.marker;
  if (!marker) return { title: heading.heading, firstLine: '' };
  if (marker.unit === 'article') {
    const bracketed = bracketedTitleRe.exec(marker.rest);
    return bracketed ? { title: bracketed[1]!, firstLine: bracketed[2]! } : { title: '', firstLine: marker.rest };
  }
  return { title: marker.rest.trim() || heading.heading, firstLine: '' };
}

/**
 * A unit's label as it is cited. Articles, chapters and parts are numbered through the whole text (第七条); a 节
 * restarts in each chapter (第二章第一节); policy numbering joins its parents' (五（二）1); plain ordinals join
 * with dots (2.3).
 */
function joinLabel(parent: Open, own: string, marker: Marker | null): string {
  if (marker?.unit) return marker.unit === 'section' && parent.unit === 'chapter' ? `${parent.number}${own}` : own;
  if (parent.unit) return own;
  const plain = /^\d+(\.\d+)*$/;
  return plain.test(parent.number) && plain.test(own) ? `${parent.number}.${own}` : `${parent.number}${own}`;
}

/** A draft without headings: each paragraph becomes a numbered section, so that readers can still point at one. */
function splitParagraphs(text: string): DraftSection[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((body, i) => ({ key: String(i + 1), parentKey: null, depth: 1, number: String(i + 1), heading: '', body, position: i, line: '' }));
}
