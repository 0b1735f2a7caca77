import { describe, expect, it } from 'vitest';
import { matchSections } from '../../src/features/rounds/match-sections';
import { splitDraft } from '../../src/features/rounds/split-draft';
import measure from '../fixtures/draft-measure.txt?raw';
import revised from '../fixtures/draft-measure-revised.txt?raw';
import regulation from '../fixtures/draft-regulation.txt?raw';

const withIds = (text: string) => splitDraft(text).sections.map((s) => ({ ...s, id: `old:${s.number}` }));

describe('matching a revised measure to the version before', () => {
  const before = withIds(measure);
  const after = splitDraft(revised).sections;
  const { after: matched, removed } = matchSections(before, after);
  const at = (label: string) => matched[after.findIndex((s) => s.number === label)]!;

  it('keeps an article’s id when an insertion renumbers it, and does not call the renumbering a change', () => {
    expect(at('第六条')).toEqual({ keptId: 'old:第五条', kind: null, fromId: null });
    expect(at('第八条')).toEqual({ keptId: 'old:第七条', kind: null, fromId: null });
    expect(at('第十七条')).toEqual({ keptId: 'old:第十六条', kind: null, fromId: null });
  });

  it('marks the inserted article as added from nothing', () => {
    expect(at('第四条')).toEqual({ keptId: null, kind: 'added', fromId: null });
  });

  it('follows a renumbered article whose text also changed', () => {
    expect(at('第五条')).toEqual({ keptId: 'old:第四条', kind: 'modified', fromId: null });
    expect(at('第七条')).toEqual({ keptId: 'old:第六条', kind: 'modified', fromId: null });
  });

  it('tells a split: the first part keeps the id, the second is added from the same article', () => {
    expect(at('第九条')).toEqual({ keptId: 'old:第八条', kind: 'modified', fromId: null });
    expect(at('第十条')).toEqual({ keptId: null, kind: 'added', fromId: 'old:第八条' });
  });

  it('tells a merge: one article carries on, the other is removed into it', () => {
    expect(at('第十二条')).toEqual({ keptId: 'old:第十条', kind: 'modified', fromId: null });
    expect(removed).toEqual([{ id: 'old:第十一条', intoIndex: after.findIndex((s) => s.number === '第十二条') }]);
  });

  it('tells a moved article from those renumbered around it', () => {
    expect(at('第十四条')).toEqual({ keptId: 'old:第十五条', kind: 'moved', fromId: null });
    expect(at('第十五条')).toEqual({ keptId: 'old:第十三条', kind: null, fromId: null });
    expect(at('第十六条')).toEqual({ keptId: 'old:第十四条', kind: null, fromId: null });
  });

  it('keeps every id of an unchanged regulation of 105 articles', () => {
    const units = withIds(regulation);
    const same = matchSections(units, splitDraft(regulation).sections);
    expect(same.after.map((m) => m.keptId)).toEqual(units.map((u) => u.id));
    expect(same.after.every((m) => m.kind === null)).toBe(true);
  });
});
