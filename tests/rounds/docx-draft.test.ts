import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { docxToDraftText } from '../../src/features/rounds/docx-draft';
import { splitDraft } from '../../src/features/rounds/split-draft';

async function aWordDraft(paragraphs: Paragraph[]): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(new Document({ sections: [{ children: paragraphs }] })));
}

describe('drafts uploaded as Word documents', () => {
  it('reads headings and paragraphs in order, so the draft splits as the pasted text would', async () => {
    const bytes = await aWordDraft([
      new Paragraph({ text: '三年行动方案（征求意见稿）', heading: HeadingLevel.TITLE }),
      new Paragraph({ text: '一、建设基础', heading: HeadingLevel.HEADING_1 }),
      new Paragraph({ children: [new TextRun('划定硅巷四至范围，'), new TextRun('梳理科创基础 & 优势。')] }),
      new Paragraph({ text: '五、专项行动', heading: HeadingLevel.HEADING_1 }),
      new Paragraph({ text: '（一）科创企业吸引集聚专项行动', heading: HeadingLevel.HEADING_2 }),
      // No heading style: the Chinese numbering alone makes it a heading.
      new Paragraph({ text: '1. 助力重点产业创新' }),
      new Paragraph({ text: '服务招商引资，聚焦人工智能等重点产业。' }),
    ]);
    const text = docxToDraftText(bytes)!;
    expect(text).toContain('# 一、建设基础');
    expect(text).toContain('划定硅巷四至范围，梳理科创基础 & 优势。');
    const { sections } = splitDraft(text);
    expect(sections.map((s) => s.number)).toEqual(expect.arrayContaining(['一', '五', '五（一）', '五（一）1']));
    expect(sections.find((s) => s.number === '五（一）1')!.body).toBe('服务招商引资，聚焦人工智能等重点产业。');
  });

  it('answers null for bytes that are not a Word document', () => {
    expect(docxToDraftText(new TextEncoder().encode('一、不是 Word 文件'))).toBeNull();
  });
});
