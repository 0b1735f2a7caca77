import { describe, expect, it } from 'vitest';
import { FIX_LEVELS, splitDraft } from '../../src/features/rounds/split-draft';
import regulation from '../fixtures/draft-regulation.txt?raw';
import measure from '../fixtures/draft-measure.txt?raw';
import policyPlan from '../fixtures/draft-policy-plan.txt?raw';

const byLabel = (sections: ReturnType<typeof splitDraft>['sections'], label: string) => sections.find((s) => s.number === label)!;

describe('a regulation with parts of chapters, sections and more than a hundred articles', () => {
  const { title, sections } = splitDraft(regulation);

  it('takes the first line and its （征求意见稿） for the title instead of a section', () => {
    expect(title).toBe('上海市长宁区科技创新街区促进条例（草案）（征求意见稿）');
    expect(sections.some((s) => s.number === '' && s.body.includes('促进条例'))).toBe(false);
  });

  it('finds every article, numbered past 一百, each once, instead of taking the table of contents for chapters', () => {
    const articles = sections.filter((s) => s.number.endsWith('条'));
    expect(articles).toHaveLength(105);
    expect(articles.slice(-6).map((s) => s.number)).toEqual(['第一百条', '第一百零一条', '第一百零二条', '第一百零三条', '第一百零四条', '第一百零五条']);
    expect(sections.filter((s) => /^第.章$/.test(s.number)).map((s) => s.heading)).toEqual(['总则', '规划与建设', '创新主体', '成果转化', '金融与服务', '开放合作', '保障与监督', '法律责任', '附则']);
  });

  it('keeps the table of contents as preamble text, so nothing typed is lost', () => {
    expect(sections[0]!.number).toBe('');
    expect(sections[0]!.body).toContain('目　录');
  });

  it('nests articles in their section and chapter, and labels a 节 with its chapter', () => {
    const chapter = byLabel(sections, '第三章');
    const section = byLabel(sections, '第三章第二节');
    expect(section.heading).toBe('科研机构');
    expect(section.parentKey).toBe(chapter.key);
    const article = byLabel(sections, '第三十六条');
    expect(article.parentKey).toBe(section.key);
    expect(article.depth).toBe(3);
    expect(byLabel(sections, '第一百零五条').parentKey).toBe(byLabel(sections, '第九章').key);
  });

  it('keeps an article’s text, paragraphs (款) and items (项) in the article instead of splitting at （一）', () => {
    const article = byLabel(sections, '第十条');
    expect(article.heading).toBe('');
    expect(article.body.split('\n')).toEqual(['科技创新街区专项规划应当包括下列内容：', '（一）街区范围和功能定位；', '（二）空间布局和载体分布；', '（三）产业发展方向；', '（四）公共服务设施配置；', '（五）实施步骤和保障措施。']);
    expect(byLabel(sections, '第二条').body.split('\n')).toHaveLength(2);
    expect(sections.some((s) => s.number.includes('（一）'))).toBe(false);
  });
});

describe('a measure with articles only', () => {
  it('makes each article a top-level unit labelled 第N条, items inside', () => {
    const { title, sections } = splitDraft(measure);
    expect(title).toBe('长宁区科创载体认定和管理办法（征求意见稿）');
    expect(sections.map((s) => s.number)).toEqual(Array.from({ length: 16 }, (_, i) => `第${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六'][i]}条`));
    expect(sections.every((s) => s.depth === 1)).toBe(true);
    expect(byLabel(sections, '第四条').body).toContain('（四）在孵企业不少于二十家。');
  });

  it('leaves a paragraph starting with a reference such as 第五条规定的 in the article', () => {
    const { sections } = splitDraft('第一条　总则内容。\n第五条规定的材料，应当真实。\n第二条　其他内容。');
    expect(sections.map((s) => s.number)).toEqual(['第一条', '第二条']);
    expect(sections[0]!.body).toBe('总则内容。\n第五条规定的材料，应当真实。');
  });

  it('reads a bracketed article title as the heading', () => {
    const { sections } = splitDraft('第一条【立法目的】为了规范管理，制定本办法。\n第二条【适用范围】本区适用。');
    expect(sections.map((s) => [s.number, s.heading, s.body])).toEqual([
      ['第一条', '立法目的', '为了规范管理，制定本办法。'],
      ['第二条', '适用范围', '本区适用。'],
    ]);
  });
});

describe('a policy plan numbered 一、（一）1.', () => {
  it('keeps the title apart, the unnumbered preamble as one section, and labels units as readers cite them', () => {
    const { title, sections } = splitDraft(policyPlan);
    expect(title).toBe('长宁区科技创新发展“十五五”规划（征求意见稿）');
    expect(sections[0]!.number).toBe('');
    expect(sections[0]!.body).toContain('编制本规划');
    expect(sections.filter((s) => s.depth === 1).map((s) => s.number)).toEqual(['一', '二', '三', '四']);
    const item = byLabel(sections, '三（二）1');
    expect(item.heading).toBe('推进科创街区建设');
    expect(item.body).toBe('划定“上海硅巷”四至范围，盘活沿街载体资源，优化营商环境。');
    expect(byLabel(sections, '二（三）').body).toContain('到2030年');
  });
});

describe('fixing a wrong split in the preview', () => {
  const text = '关于加强街区管理的通知\n\n一、总体要求\n加强管理。\n重点任务\n落实责任。\n二、保障措施\n加强组织。';

  it('makes a line a heading at the chosen level', () => {
    const before = splitDraft(text).sections;
    expect(before.map((s) => s.heading)).toEqual(['总体要求', '保障措施']);
    const { sections } = splitDraft(text, [{ line: '重点任务', level: FIX_LEVELS.policy3 }]);
    expect(sections.map((s) => [s.number, s.heading, s.depth])).toEqual([
      ['一', '总体要求', 1],
      // Named by its heading alone: a number the text does not have would mean nothing to readers.
      ['', '重点任务', 2],
      ['二', '保障措施', 1],
    ]);
    expect(sections[1]!.body).toBe('落实责任。');
  });

  it('makes a heading line body text of the unit before it', () => {
    const { sections } = splitDraft(text, [{ line: '二、保障措施', level: FIX_LEVELS.body }]);
    expect(sections.map((s) => s.heading)).toEqual(['总体要求']);
    expect(sections[0]!.body).toContain('二、保障措施\n加强组织。');
  });

  it('changes a heading’s level so it nests under the one before', () => {
    const { sections } = splitDraft(text, [{ line: '二、保障措施', level: FIX_LEVELS.policy3 }]);
    expect(sections.map((s) => [s.number, s.depth])).toEqual([
      ['一', 1],
      ['一二', 2],
    ]);
  });

  it('keeps a title line as a section when the organizer says it is text', () => {
    const { title, sections } = splitDraft(text, [{ line: '关于加强街区管理的通知', level: FIX_LEVELS.body }]);
    expect(title).toBeNull();
    expect(sections[0]!.body).toBe('关于加强街区管理的通知');
  });
});
