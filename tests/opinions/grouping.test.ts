import { describe, expect, it } from 'vitest';
import { bigrams, groupSimilar, similarity } from '../../src/features/opinions/grouping';

const parking = [
  { id: 'p1', text: '园区周边停车难，建议增加停车位。' },
  { id: 'p2', text: '停车位不足，企业员工停车难，希望增设停车位。' },
  { id: 'p3', text: '建议解决园区停车难问题，增加公共停车位。' },
];
const housing = { id: 'h1', text: '建议加快人才公寓建设，解决青年人才住房问题。' };
const funding = { id: 'f1', text: '建议对人工智能初创企业给予房租补贴和融资支持。' };

describe('grouping similar opinions', () => {
  it('puts three phrasings about parking together and leaves talent housing and funding on their own', () => {
    const groups = groupSimilar([parking[0]!, housing, parking[1]!, funding, parking[2]!]);
    expect(groups.map((g) => g.map((o) => o.id))).toEqual([['p1', 'p2', 'p3'], ['h1'], ['f1']]);
  });

  it('links through a middle opinion (single link) even when the two ends are less alike', () => {
    const chain = [
      { id: 'a', text: '建议延长征求意见期限至三十天' },
      { id: 'b', text: '征求意见期限太短，建议延长至三十天，便于街道组织讨论' },
      { id: 'c', text: '便于街道组织讨论，请提前发送材料' },
    ];
    expect(similarity(bigrams(chain[0]!.text), bigrams(chain[2]!.text))).toBe(0);
    expect(groupSimilar(chain).map((g) => g.map((o) => o.id))).toEqual([['a', 'b', 'c']]);
  });

  it('is deterministic: the same input in another order gives the same groups', () => {
    const items = [...parking, housing, funding];
    const sorted = (groups: { id: string }[][]) => groups.map((g) => g.map((o) => o.id).sort()).sort((x, y) => x[0]!.localeCompare(y[0]!));
    expect(sorted(groupSimilar([...items].reverse()))).toEqual(sorted(groupSimilar(items)));
  });

  it('ignores punctuation, spaces and letter case, and treats identical texts as one point', () => {
    expect(similarity(bigrams('停车难！ 停车难'), bigrams('停车难'))).toBe(1);
    expect(groupSimilar([{ id: 'x', text: 'WiFi 覆盖不足' }, { id: 'y', text: 'wifi覆盖不足。' }])).toHaveLength(1);
  });

  it('never changes a stakeholder’s words', () => {
    const items = parking.map((o) => ({ ...o }));
    const groups = groupSimilar(items);
    expect(groups.flat().map((o) => o.text)).toEqual(parking.map((o) => o.text));
  });

  it('keeps empty and one-character texts apart from everything else', () => {
    const groups = groupSimilar([{ id: 'e', text: '' }, { id: 'o', text: '同意' }, { id: 'p', text: '停车难' }]);
    expect(groups).toHaveLength(3);
  });

  // Speed is measured in bench/, never by a wall-clock assertion here.
  it('groups thousands of templated opinions without mixing topics or losing one', () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({ id: String(i), text: i % 2 ? `园区周边停车位严重不足，建议增设公共停车场并错峰开放（来信${i}）` : `人才公寓租金偏高、房源偏少，建议加大租房补贴力度（来信${i}）` }));
    const groups = groupSimilar(many);
    expect(groups.flat().map((o) => o.id).sort()).toEqual(many.map((o) => o.id).sort());
    for (const group of groups) expect(new Set(group.map((o) => o.text.slice(0, 2))).size).toBe(1);
  });
});
