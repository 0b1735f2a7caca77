import { describe, expect, it } from 'vitest';
import { splitDraft } from '../../src/features/rounds/split-draft';
import { demoFileText } from '../../src/dev/demo-data';

describe('splitting a draft into sections', () => {
  it('splits the demo action plan into nested sections numbered as readers cite them', () => {
    const { title, sections } = splitDraft(demoFileText('draftActionPlan'));
    expect(title).toBe('长宁区全面推进“上海硅巷”科创街区建设三年行动方案（征求意见稿）');
    expect(sections.filter((s) => s.depth === 1).map((s) => s.number)).toEqual(['一', '二', '三', '四', '五', '六']);
    const first = sections.find((s) => s.number === '五（一）1')!;
    expect(first.heading).toBe('助力重点产业创新');
    expect(first.body).toBe('服务招商引资，聚焦人工智能、微技术等重点产业。');
    expect(first.depth).toBe(3);
    expect(sections.find((s) => s.key === first.parentKey)!.number).toBe('五（一）');
    expect(sections.filter((s) => s.depth === 2)).toHaveLength(6);
    expect(sections.filter((s) => s.depth === 3)).toHaveLength(12);
    expect(sections.find((s) => s.number === '五')!.body).toBe('');
    expect(sections.map((s) => s.position)).toEqual(sections.map((_, i) => i));
  });

  it('recognizes Chinese numbering in plain text without Markdown', () => {
    const text = ['总体要求如下。', '一、总体要求', '坚持统筹。', '（一）工作目标', '到2027年完成。', '1. 第一阶段', '（1）准备工作', '开展调研。', '二、保障措施', '加强组织。'].join('\r\n');
    const { sections } = splitDraft(text);
    expect(sections.map((s) => [s.number, s.heading, s.depth])).toEqual([
      ['', '', 0],
      ['一', '总体要求', 1],
      ['一（一）', '工作目标', 2],
      ['一（一）1', '第一阶段', 3],
      ['一（一）1（1）', '准备工作', 4],
      ['二', '保障措施', 1],
    ]);
    expect(sections[0]!.body).toBe('总体要求如下。');
    expect(sections[4]!.body).toBe('开展调研。');
  });

  it('keeps numbered sentences and decimals in the body instead of taking them for headings', () => {
    const text = '一、目标\n1. 到2025年，新增科技企业100家，总投入1.5亿元，形成示范效应并持续推广。\n2.5亿元用于建设。';
    const { sections } = splitDraft(text);
    expect(sections).toHaveLength(1);
    expect(sections[0]!.body).toContain('1. 到2025年');
    expect(sections[0]!.body).toContain('2.5亿元');
  });

  it('turns a draft without headings into numbered paragraphs', () => {
    const { title, sections } = splitDraft('第一段内容。\n\n第二段内容。\n\n\n第三段。');
    expect(title).toBeNull();
    expect(sections.map((s) => [s.number, s.body])).toEqual([
      ['1', '第一段内容。'],
      ['2', '第二段内容。'],
      ['3', '第三段。'],
    ]);
  });

  it('names Markdown headings without numbering by their heading, not by a position number', () => {
    const { sections } = splitDraft('# Title one\n# Title two\n## Sub\ntext');
    expect(sections.map((s) => [s.number, s.heading])).toEqual([
      ['', 'Title one'],
      ['', 'Title two'],
      ['', 'Sub'],
    ]);
    expect(sections[2]!.body).toBe('text');
  });

  it('handles a very long draft with many sections', () => {
    const parts = Array.from({ length: 300 }, (_, i) => `## ${i + 1}. 第${i + 1}条\n${'内容'.repeat(200)}`);
    const { sections } = splitDraft(parts.join('\n'));
    expect(sections).toHaveLength(300);
    expect(sections[299]!.number).toBe('300');
    expect(new Set(sections.map((s) => s.key)).size).toBe(300);
  });
});
