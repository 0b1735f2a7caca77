import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { docxToDraftText } from '../../src/features/rounds/docx-draft';
import { splitDraft } from '../../src/features/rounds/split-draft';
import regulation from '../fixtures/draft-regulation.txt?raw';
import measure from '../fixtures/draft-measure.txt?raw';
import policyPlan from '../fixtures/draft-policy-plan.txt?raw';

type Styler = (line: string, index: number) => (typeof HeadingLevel)[keyof typeof HeadingLevel] | undefined;

/** The fixture as an organizer's Word file: one paragraph per line, styled as a drafting office would. */
async function asWordFile(text: string, style: Styler): Promise<Uint8Array> {
  const lines = text.split('\n').filter((line) => line.trim());
  const children = lines.map((line, i) => new Paragraph({ text: line, heading: style(line, i) }));
  return new Uint8Array(await Packer.toArrayBuffer(new Document({ sections: [{ children }] })));
}

async function splitWord(text: string, style: Styler) {
  const read = docxToDraftText(await asWordFile(text, style));
  if (!read.ok) throw new Error(read.error);
  return splitDraft(read.value);
}

describe('legal drafts uploaded as Word documents', () => {
  it('splits a regulation whose chapters and sections use heading styles just like the pasted text', async () => {
    const pasted = splitDraft(regulation);
    const word = await splitWord(regulation, (line, i) => (i === 0 ? HeadingLevel.TITLE : /^第.{1,3}章/.test(line) && i > 12 ? HeadingLevel.HEADING_1 : /^第.{1,3}节/.test(line) ? HeadingLevel.HEADING_2 : undefined));
    expect(word.title).toBe(pasted.title);
    expect(word.sections.map((s) => [s.number, s.heading, s.depth])).toEqual(pasted.sections.map((s) => [s.number, s.heading, s.depth]));
    expect(word.sections.find((s) => s.number === '第一百零一条')!.body).toBe(pasted.sections.find((s) => s.number === '第一百零一条')!.body);
  });

  it('splits a measure written without any heading style by its article numbers', async () => {
    const { title, sections } = await splitWord(measure, () => undefined);
    expect(title).toBe('长宁区科创载体认定和管理办法（征求意见稿）');
    expect(sections).toHaveLength(16);
    expect(sections[3]!.number).toBe('第四条');
    expect(sections[3]!.body).toContain('（二）可自主支配的场地面积不少于二千平方米；');
  });

  it('splits a policy plan whose top headings are styled and the rest numbered in the text', async () => {
    const { title, sections } = await splitWord(policyPlan, (line) => (/^[一二三四]、/.test(line) ? HeadingLevel.HEADING_1 : undefined));
    expect(title).toBe('长宁区科技创新发展“十五五”规划（征求意见稿）');
    expect(sections.filter((s) => s.depth === 1).map((s) => s.number)).toEqual(['', '一', '二', '三', '四'].filter(Boolean));
    expect(sections.find((s) => s.number === '三（三）2')!.heading).toBe('创新科技信贷产品');
  });
});
