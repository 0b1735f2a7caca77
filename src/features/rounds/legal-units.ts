/**
 * The numbering of Chinese legal texts (编 · 章 · 节 · 条) and of policy documents (一、（一）1.（1）) as line
 * patterns the splitter reads. 款 (paragraphs), 项 （一） and 目 1. inside an article are its body, not units.
 */

export const chineseNumeral = '[一二三四五六七八九十百千零〇两]+';

export type LegalUnit = 'part' | 'chapter' | 'section' | 'article';

/** 编 > 章 > 节 > 条: the order of nesting, which is also the plain-text heading level of each unit. */
const legalUnitOrder: Record<string, LegalUnit> = { 编: 'part', 章: 'chapter', 节: 'section', 条: 'article' };
export const LEGAL_LEVEL: Record<LegalUnit, number> = { part: 20, chapter: 21, section: 22, article: 23 };

/** `第一百零一条　…`, `第二章 总则`, `第三节监督检查`: the marker, then the text on the same line. */
const legalUnitRe = new RegExp(`^(第(?:${chineseNumeral}|\\d{1,4})([编章节条]))[\\s\\u3000]*(.*)$`);

export function legalMarkerOf(text: string): LegalMarker | null {
  const match = legalUnitRe.exec(text);
  if (!match) return null;
  const unit = legalUnitOrder[match[2]!]!;
  const after = text.slice(match[1]!.length);
  // `第五条规定的…` at the start of a paragraph is a reference, not an article: articles are followed by a space,
  // a bracketed title or nothing. Chapters may be written without a space (`第一章总则`).
  if (unit === 'article' && after !== '' && !/^[\s\u3000【〔]/.test(after)) return null;
  return { unit, label: match[1]!, rest: match[3]!.trim() };
}

export type LegalMarker = { unit: LegalUnit; label: string; rest: string };

/** A policy-document marker: 一、 (rank 1), （一） (2), 1. (3), （1） (4). */
export type PolicyMarker = { rank: number; label: string; rest: string };

const policyRules: { rank: number; re: RegExp; label: (m: RegExpExecArray) => string }[] = [
  { rank: 1, re: new RegExp(`^(${chineseNumeral})\\s*[、.．]\\s*(.*)$`), label: (m) => m[1]! },
  { rank: 2, re: new RegExp(`^[（(]\\s*(${chineseNumeral})\\s*[)）]\\s*(.*)$`), label: (m) => `（${m[1]}）` },
  { rank: 3, re: /^(\d{1,3})\s*(?:[、．]|\.(?!\d))\s*(.*)$/, label: (m) => m[1]! },
  { rank: 4, re: /^[（(]\s*(\d{1,3})\s*[)）]\s*(.*)$/, label: (m) => `（${m[1]}）` },
];

export function policyMarkerOf(text: string): PolicyMarker | null {
  for (const rule of policyRules) {
    const match = rule.re.exec(text);
    if (match) return { rank: rule.rank, label: rule.label(match), rest: match[2] ?? '' };
  }
  return null;
}

/** Two articles or more make a text a legal text: then only 编/章/节/条 (and Markdown headings) are units. */
export function isLegalText(lines: string[]): boolean {
  let articles = 0;
  for (const line of lines) {
    if (legalMarkerOf(line.trim())?.unit === 'article' && ++articles >= 2) return true;
  }
  return false;
}

/** `目录` / `目　录`: the table of contents of a regulation repeats its chapter lines, which are not units there. */
export const tableOfContentsRe = /^目[\s\u3000]*录$/;
