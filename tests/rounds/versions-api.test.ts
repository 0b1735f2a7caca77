import { describe, expect, it } from 'vitest';
import { bearerFor, postJson, request } from '../helpers';
import revised from '../fixtures/draft-measure-revised.txt?raw';
import { aLegalRound } from './legal-factories';

type DiffSection = { key: string; label: string; change: string; before: string | null; after: string | null; changeId: string | null };

describe('versions of a round’s draft through the API', () => {
  it('revises the draft into version 2, keeps the ids of surviving articles and lists both versions', async () => {
    const round = await aLegalRound({ status: 'closed' });
    const { authorization } = await bearerFor('organizer');
    const res = await postJson(`/api/v1/rounds/${round.id}/versions`, { draft: revised }, { authorization });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { version: { number: number; sections: { id: string; label: string }[] }; changes: { id: string; kind: string }[] };
    expect(body.version.number).toBe(2);
    const idOf = (label: string) => body.version.sections.find((s) => s.label === label)!.id;
    expect(idOf('第六条')).toBe(round.section('第五条').id);
    expect(idOf('第十四条')).toBe(round.section('第十五条').id);
    expect(body.version.sections.map((s) => s.id)).not.toContain(round.section('第十一条').id);
    expect(body.changes.map((c) => c.kind).sort()).toEqual(['added', 'added', 'modified', 'modified', 'modified', 'modified', 'moved', 'removed']);

    const list = (await (await request(`/api/v1/rounds/${round.id}/versions`, { headers: { authorization } })).json()) as { items: { number: number }[] };
    expect(list.items.map((v) => v.number)).toEqual([1, 2]);
  });

  it('answers the diff between two versions unit by unit, with the label of each and the change to link to', async () => {
    const round = await aLegalRound({ status: 'closed' });
    const { authorization } = await bearerFor('organizer');
    await postJson(`/api/v1/rounds/${round.id}/versions`, { draft: revised }, { authorization });
    const res = await request(`/api/v1/rounds/${round.id}/versions/1/diff/2`, { headers: { authorization } });
    expect(res.status).toBe(200);
    const { sections } = (await res.json()) as { sections: DiffSection[] };
    const at = (label: string, change?: string) => sections.find((s) => s.label === label && (!change || s.change === change))!;
    expect(at('第五条')).toMatchObject({ change: 'modified', before: expect.stringContaining('二千平方米'), after: expect.stringContaining('一千五百平方米') });
    expect(at('第五条').changeId).toEqual(expect.any(String));
    expect(at('第六条')).toMatchObject({ change: 'unchanged', changeId: null });
    expect(at('第四条')).toMatchObject({ change: 'added', before: null });
    expect(at('第十四条')).toMatchObject({ change: 'moved' });
    expect(at('第十一条', 'removed')).toMatchObject({ after: null, before: '科创载体应当每年报送年度运营报告。' });
    expect(sections.filter((s) => s.change !== 'unchanged').every((s) => s.changeId)).toBe(true);

    expect((await request(`/api/v1/rounds/${round.id}/versions/1/diff/9`, { headers: { authorization } })).status).toBe(404);
  });

  it('refuses a viewer’s revision and keeps the round at one version', async () => {
    const round = await aLegalRound({ status: 'closed' });
    const viewer = await bearerFor('viewer');
    expect((await postJson(`/api/v1/rounds/${round.id}/versions`, { draft: revised }, { authorization: viewer.authorization })).status).toBe(403);
    const list = (await (await request(`/api/v1/rounds/${round.id}/versions`, { headers: { authorization: viewer.authorization } })).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(1);
  });

  it('names the field and the limit when the revised draft is empty, and adds no version', async () => {
    const round = await aLegalRound({ status: 'closed' });
    const { authorization } = await bearerFor('organizer');
    const res = await postJson(`/api/v1/rounds/${round.id}/versions`, { draft: '  ' }, { authorization });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('draft');
    const list = (await (await request(`/api/v1/rounds/${round.id}/versions`, { headers: { authorization } })).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(1);
  });
});
