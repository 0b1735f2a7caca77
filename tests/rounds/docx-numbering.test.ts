import { AlignmentType, Document, LevelFormat, LevelSuffix, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { docxToDraftText } from '../../src/features/rounds/docx-draft';
import { chineseCounting } from '../../src/features/rounds/docx-numbering';
import { splitDraft } from '../../src/features/rounds/split-draft';
import regulation from '../fixtures/draft-regulation.txt?raw';

type ListLevel = { level: number; format: (typeof LevelFormat)[keyof typeof LevelFormat]; text: string; suffix?: (typeof LevelSuffix)[keyof typeof LevelSuffix] };
type Line = { text: string; list?: string; level?: number };

/** A Word file whose numbers are Word's automatic list numbers (numbering.xml), not typed text. */
async function numberedWordFile(lines: Line[], lists: Record<string, ListLevel[]>): Promise<Uint8Array> {
  const config = Object.entries(lists).map(([reference, levels]) => ({
    reference,
    levels: levels.map((l) => ({ ...l, alignment: AlignmentType.LEFT, suffix: l.suffix ?? LevelSuffix.SPACE })),
  }));
  const children = lines.map(({ text, list, level }) => new Paragraph(list ? { text, numbering: { reference: list, level: level ?? 0 } } : { text }));
  return new Uint8Array(await Packer.toArrayBuffer(new Document({ numbering: { config }, sections: [{ children }] })));
}

function readText(bytes: Uint8Array): string {
  const read = docxToDraftText(bytes);
  if (!read.ok) throw new Error(read.error);
  return read.value;
}

describe('Word drafts whose articles are automatic list numbers', () => {
  it('writes 第一条…第一百零五条 and the chapters as Word prints them, so the draft splits as the pasted text does', async () => {
    const all = regulation.split('\n').filter((line) => line.trim());
    // The table of contents stays typed; from the second 第一章 on, the body's numbers are Word's.
    const bodyStart = all.findIndex((line, i) => i > all.findIndex((l) => /^第一章/.test(l)) && /^第一章/.test(line));
    expect(bodyStart).toBeGreaterThan(0);
    const lines: Line[] = all.map((line, i) => {
      if (i < bodyStart) return { text: line };
      const chapter = /^第[一二三四五六七八九十]+章\s*(.*)$/.exec(line);
      if (chapter) return { text: chapter[1]!, list: 'chapters' };
      const article = /^第[一二三四五六七八九十百零]+条\s*(.*)$/.exec(line);
      if (article) return { text: article[1]!, list: 'articles' };
      return { text: line };
    });
    expect(lines.filter((l) => l.list === 'articles').length).toBeGreaterThan(100);
    const bytes = await numberedWordFile(lines, {
      chapters: [{ level: 0, format: LevelFormat.CHINESE_COUNTING, text: '第%1章' }],
      articles: [{ level: 0, format: LevelFormat.CHINESE_COUNTING, text: '第%1条' }],
    });
    const pasted = splitDraft(regulation);
    const word = splitDraft(readText(bytes));
    expect(word.sections.map((s) => [s.number, s.heading, s.depth])).toEqual(pasted.sections.map((s) => [s.number, s.heading, s.depth]));
    expect(word.sections.find((s) => s.number === '第一百零一条')!.body).toBe(pasted.sections.find((s) => s.number === '第一百零一条')!.body);
  });

  it('numbers a plan’s 一、（一） levels, restarting （一） under each 一、', async () => {
    const bytes = await numberedWordFile(
      [
        { text: '行动方案（征求意见稿）' },
        { text: '总体要求', list: 'plan', level: 0 },
        { text: '指导思想', list: 'plan', level: 1 },
        { text: '基本原则', list: 'plan', level: 1 },
        { text: '主要任务', list: 'plan', level: 0 },
        { text: '科创企业吸引集聚', list: 'plan', level: 1 },
        { text: '服务招商引资，聚焦人工智能等重点产业。' },
      ],
      {
        plan: [
          { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', suffix: LevelSuffix.NOTHING },
          { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）', suffix: LevelSuffix.NOTHING },
        ],
      },
    );
    const text = readText(bytes);
    expect(text.split('\n\n')).toEqual(['行动方案（征求意见稿）', '一、总体要求', '（一）指导思想', '（二）基本原则', '二、主要任务', '（一）科创企业吸引集聚', '服务招商引资，聚焦人工智能等重点产业。']);
    expect(splitDraft(text).sections.map((s) => s.number)).toContain('二（一）');
  });

  it('leaves bullets and unnumbered paragraphs as they are', async () => {
    const bytes = await numberedWordFile([{ text: '说明' }, { text: '一项', list: 'dots' }], {
      dots: [{ level: 0, format: LevelFormat.BULLET, text: '•' }],
    });
    expect(readText(bytes)).toBe('说明\n\n一项');
  });

  it('spells Chinese counting numbers as legal texts print them', () => {
    expect([1, 10, 11, 20, 21, 100, 101, 110, 111, 1000, 1010].map(chineseCounting)).toEqual(['一', '十', '十一', '二十', '二十一', '一百', '一百零一', '一百一十', '一百一十一', '一千', '一千零一十']);
  });
});
