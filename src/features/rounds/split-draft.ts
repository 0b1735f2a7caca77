/**
 * Splits a pasted draft (plain text or Markdown) into numbered, nested sections by its headings, including the
 * usual Chinese numbering: 一、 > （一） > 1. > （1）. Pure: no I/O, no strings of its own.
 */

export const DRAFT_MAX_CHARS = 200_000;
export const DRAFT_MAX_SECTIONS = 500;
/** A numbered plain-text line longer than this, or ending like a sentence, is body text (a list item), not a heading. */
const PLAIN_HEADING_MAX_CHARS = 40;

export type DraftSection = {
  /** Stable within a draft: the path of positions, e.g. `5.2.1`; used to carry comments across a re-split. */
  key: string;
  parentKey: string | null;
  depth: number;
  /** The section's own number as readers cite it, e.g. `五（二）1`; empty for a preamble. */
  number: string;
  heading: string;
  body: string;
  position: number;
};

export type SplitDraft = { title: string | null; sections: DraftSection[] };

type Marker = { rank: number; label: string; rest: string };

const markdownHeadingRe = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const chineseNumeral = '[一二三四五六七八九十百零〇]+';
const numberingRules: { rank: number; re: RegExp; label: (m: RegExpExecArray) => string }[] = [
  { rank: 1, re: new RegExp(`^(${chineseNumeral})\\s*[、.．]\\s*(.*)$`), label: (m) => m[1]! },
  { rank: 2, re: new RegExp(`^[（(]\\s*(${chineseNumeral})\\s*[)）]\\s*(.*)$`), label: (m) => `（${m[1]}）` },
  { rank: 3, re: /^(\d{1,3})\s*(?:[、．]|\.(?!\d))\s*(.*)$/, label: (m) => m[1]! },
  { rank: 4, re: /^[（(]\s*(\d{1,3})\s*[)）]\s*(.*)$/, label: (m) => `（${m[1]}）` },
];
const sentenceEndRe = /[。；;！？!?，,：:]$/;

function numberingOf(text: string): Marker | null {
  for (const rule of numberingRules) {
    const match = rule.re.exec(text);
    if (match) return { rank: rule.rank, label: rule.label(match), rest: match[2] ?? '' };
  }
  return null;
}

type HeadingLine = { level: number; marker: Marker | null; heading: string };

function headingOf(line: string): HeadingLine | null {
  const trimmed = line.trim();
  const md = markdownHeadingRe.exec(trimmed);
  if (md) {
    const text = md[2]!.trim();
    return { level: md[1]!.length, marker: numberingOf(text), heading: text };
  }
  const marker = numberingOf(trimmed);
  if (!marker || !marker.rest) return null;
  if (trimmed.length > PLAIN_HEADING_MAX_CHARS || sentenceEndRe.test(trimmed)) return null;
  // Plain-text headings have no level of their own: the numbering's rank stands in for it.
  return { level: 10 + marker.rank, marker, heading: trimmed };
}

type Open = { level: number; key: string; number: string; childCount: number };

export function splitDraft(source: string): SplitDraft {
  const lines = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  let title: string | null = null;
  const sections: DraftSection[] = [];
  const stack: Open[] = [];
  let topCount = 0;
  let bodyLines: string[] = [];
  let current: DraftSection | null = null;

  const flushBody = () => {
    const body = bodyLines.join('\n').trim();
    if (current) current.body = body;
    else if (body) {
      // Text before the first heading: a preamble readers can comment on too.
      sections.push({ key: '0', parentKey: null, depth: 0, number: '', heading: '', body, position: sections.length });
    }
    bodyLines = [];
  };

  const firstHeading = lines.findIndex((line) => headingOf(line) !== null);
  const titleMatch = firstHeading >= 0 ? markdownHeadingRe.exec(lines[firstHeading]!.trim()) : null;
  const h1Count = lines.filter((line) => /^#\s/.test(line.trim())).length;
  // A single leading `# …` is the document's title, not a section.
  const titleIndex = titleMatch && titleMatch[1] === '#' && h1Count === 1 ? firstHeading : -1;

  lines.forEach((line, index) => {
    if (index === titleIndex) {
      title = titleMatch![2]!.trim();
      return;
    }
    const heading = headingOf(line);
    if (!heading) {
      bodyLines.push(line);
      return;
    }
    flushBody();
    while (stack.length && stack[stack.length - 1]!.level >= heading.level) stack.pop();
    const parent = stack[stack.length - 1] ?? null;
    const ordinal = parent ? ++parent.childCount : ++topCount;
    const key = parent ? `${parent.key}.${ordinal}` : String(ordinal);
    const ownNumber = heading.marker?.label ?? String(ordinal);
    const number = parent ? joinNumber(parent.number, ownNumber) : ownNumber;
    const headingText = heading.marker && heading.level > 10 ? heading.marker.rest.trim() : stripMarker(heading);
    current = { key, parentKey: parent?.key ?? null, depth: stack.length + 1, number, heading: headingText, body: '', position: sections.length };
    sections.push(current);
    stack.push({ level: heading.level, key, number, childCount: 0 });
  });
  flushBody();

  if (sections.length === 1 && sections[0]!.number === '') return { title, sections: splitParagraphs(sections[0]!.body) };
  return { title, sections };
}

function stripMarker(heading: HeadingLine): string {
  return heading.marker ? heading.marker.rest.trim() || heading.heading : heading.heading;
}

/** `五` + `（二）` → `五（二）`; `（二）` + `1` → `（二）1`; plain ordinals join with dots: `2` + `3` → `2.3`. */
function joinNumber(parent: string, own: string): string {
  const plain = /^\d+(\.\d+)*$/;
  return plain.test(parent) && plain.test(own) ? `${parent}.${own}` : `${parent}${own}`;
}

/** A draft without headings: each paragraph becomes a numbered section, so that readers can still point at one. */
function splitParagraphs(text: string): DraftSection[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((body, i) => ({ key: String(i + 1), parentKey: null, depth: 1, number: String(i + 1), heading: '', body, position: i }));
}
