/** Building blocks of the Word documents: A4 pages, 仿宋_GB2312 body text and 宋体 headings as Chinese offices use. */
import { AlignmentType, Footer, LineRuleType, PageNumber, PageOrientation, Paragraph, TextRun, type IRunOptions } from 'docx';
import { xmlSafe } from '../../lib/xlsx';

export const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };
export const HEADING_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
/**
 * GB/T 9704-2012 fonts: the title in 方正小标宋简体 (set bold too, so that where the font is missing the 宋体 it falls
 * back to still reads as a title), first-level headings in 黑体, second-level in 楷体_GB2312.
 */
export const TITLE_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '方正小标宋简体' };
export const LEVEL1_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };
export const LEVEL2_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '楷体_GB2312' };
/** Fixed line spacing of 28.95 pt (579 twips): 22 lines of 三号 text on the 225 mm text height of an A4 page. */
export const OFFICIAL_LINE = 579;
/** Half-points: 三号 16 pt for letters, 四号 14 pt for headings in tables' documents, 五号 10.5 pt in tables. */
export const SIZE = { title: 44, letter: 32, heading: 28, body: 24, table: 21 } as const;

/** A4 portrait with the usual margins (37 mm top, 35 mm bottom, 28 mm left, 26 mm right), in twips. */
export const A4_PAGE = {
  size: { width: 11906, height: 16838 },
  margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 },
};

/** A4 landscape for wide tables (the 意见采纳情况表), with 20 mm margins all round so the table gets the width. */
export const A4_LANDSCAPE_PAGE = {
  size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE },
  margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
};

/** Runs of one text; line breaks in what a person typed become breaks in the document. */
export function runs(text: string, options: Omit<IRunOptions, 'text' | 'break'> = {}): TextRun[] {
  return xmlSafe(text)
    .split(/\r\n|\r|\n/)
    .map((line, index) => new TextRun({ font: BODY_FONT, ...options, text: line, ...(index > 0 ? { break: 1 } : {}) }));
}

export function title(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: runs(text, { font: HEADING_FONT, size: SIZE.title, bold: true }) });
}

export function heading(text: string, size: number = SIZE.heading): Paragraph {
  return new Paragraph({ spacing: { before: 240, after: 120 }, children: runs(text, { font: HEADING_FONT, size, bold: true }) });
}

/** A body paragraph; `indent` gives the first-line indent of two characters that Chinese documents use. */
export function body(text: string, options: { size?: number; indent?: boolean; align?: 'left' | 'right' | 'center' } = {}): Paragraph {
  const size = options.size ?? SIZE.body;
  return new Paragraph({
    alignment: options.align === 'right' ? AlignmentType.RIGHT : options.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { after: 60, line: 360 },
    indent: options.indent ? { firstLine: size * 20 } : undefined,
    children: runs(text, { size }),
  });
}

/** A paragraph of an official document (GB/T 9704): 三号 仿宋, fixed line spacing, two characters' first-line indent. */
export function official(text: string, options: { indent?: boolean; align?: 'left' | 'right' | 'center'; font?: typeof BODY_FONT } = {}): Paragraph {
  return new Paragraph({
    alignment: options.align === 'right' ? AlignmentType.RIGHT : options.align === 'center' ? AlignmentType.CENTER : AlignmentType.BOTH,
    spacing: { line: OFFICIAL_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    indent: options.indent === false ? undefined : { firstLine: SIZE.letter * 20 },
    children: runs(text, { size: SIZE.letter, font: options.font ?? BODY_FONT }),
  });
}

/** The title of an official document: 二号 方正小标宋简体, centred, with one blank line under it. */
export function officialTitle(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: Math.round(OFFICIAL_LINE * 1.3), lineRule: LineRuleType.EXACT, after: OFFICIAL_LINE },
    children: runs(text, { font: TITLE_FONT, size: SIZE.title, bold: true }),
  });
}

/** Page numbers as GB/T 9704 writes them, "— 1 —", 四号 at the foot of the page. */
export function officialFooter(): Footer {
  return new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28, font: HEADING_FONT })] })],
  });
}
