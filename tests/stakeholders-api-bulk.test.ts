import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { BULK_MAX_IDS, createStakeholder } from '../src/features/stakeholders/service';
import { bearerFor, postJson, request, testDeps } from './helpers';

type ApiItem = { id: string; name: string; email: string | null; tags: string[]; archived: boolean };
type ApiError = { error: { code: string; message: string; fields?: Record<string, string> } };

beforeEach(async () => {
  await env.DB.batch([env.DB.prepare('DELETE FROM stakeholder_tags'), env.DB.prepare('DELETE FROM stakeholders')]);
});

async function aStakeholder(name: string, tags: string[] = []) {
  const input = { name, organization: '区科协', title: '主任', category: 'expert' as const, email: `p-${crypto.randomUUID().slice(0, 8)}@example.com`, phone: '13800000000', tags, notes: '备注', consent: true };
  const result = await createStakeholder(testDeps(), null, input);
  if (!result.ok) throw new Error(result.error);
  return result.value.id;
}

async function listNames(authorization: string, query = ''): Promise<string[]> {
  const res = await request(`/api/v1/stakeholders${query}`, { headers: { authorization } });
  expect(res.status).toBe(200);
  const page: { items: ApiItem[] } = await res.json();
  return page.items.map((i) => i.name).sort();
}

const bulk = (body: unknown, authorization: string) => postJson('/api/v1/stakeholders/bulk', body, { authorization });

describe('POST /api/v1/stakeholders/bulk', () => {
  it('tags the given stakeholders so that ?tag= finds them, and untags them again', async () => {
    const a = await aStakeholder('甲');
    const b = await aStakeholder('乙');
    await aStakeholder('丙');
    const { authorization } = await bearerFor('organizer');
    const res = await bulk({ ids: [a, b], action: 'tag', tag: ' 营商环境 ' }, authorization);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ updated: 2 });
    expect(await listNames(authorization, `?tag=${encodeURIComponent('营商环境')}`)).toEqual(['乙', '甲']);
    expect(await listNames(authorization, `?q=${encodeURIComponent('营商环境')}`)).toEqual(['乙', '甲']);

    expect(await (await bulk({ ids: [a], action: 'untag', tag: '营商环境' }, authorization)).json()).toEqual({ updated: 1 });
    expect(await listNames(authorization, `?tag=${encodeURIComponent('营商环境')}`)).toEqual(['乙']);
  });

  it('archive hides stakeholders from the list, unarchive brings them back; unknown ids are not counted', async () => {
    const a = await aStakeholder('甲');
    await aStakeholder('乙');
    const { authorization } = await bearerFor('organizer');
    const res = await bulk({ ids: [a, '01JZZZZZZZZZZZZZZZZZZZZZZZ'], action: 'archive' }, authorization);
    expect(await res.json()).toEqual({ updated: 1 });
    expect(await listNames(authorization)).toEqual(['乙']);
    expect(await listNames(authorization, '?archived=1')).toEqual(['甲']);
    const audit = await env.DB.prepare("SELECT detail FROM audit_log WHERE action = 'stakeholder.bulk_archive'").all<{ detail: string }>();
    expect(audit.results.map((r) => JSON.parse(r.detail).ids)).toEqual([[a]]);

    await bulk({ ids: [a], action: 'unarchive' }, authorization);
    expect(await listNames(authorization)).toEqual(['乙', '甲']);
  });

  it('refuses bad input with 422 naming the field, and changes nothing', async () => {
    const a = await aStakeholder('甲');
    const { authorization } = await bearerFor('organizer');
    const cases: [unknown, string][] = [
      [{ ids: [a], action: 'delete' }, 'action'],
      [{ ids: [], action: 'archive' }, 'ids'],
      [{ ids: 'x', action: 'archive' }, 'ids'],
      [{ ids: Array.from({ length: BULK_MAX_IDS + 1 }, (_, i) => `id${i}`), action: 'archive' }, 'ids'],
      [{ ids: [a], action: 'tag' }, 'tag'],
      [{ ids: [a], action: 'tag', tag: '甲,乙' }, 'tag'],
      [{ ids: [a], action: 'untag', tag: 'x'.repeat(41) }, 'tag'],
    ];
    for (const [body, field] of cases) {
      const res = await bulk(body, authorization);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      const error: ApiError = await res.json();
      expect(error.error.code).toBe('invalid_input');
      expect(Object.keys(error.error.fields ?? {}), JSON.stringify(body).slice(0, 80)).toEqual([field]);
    }
    const empty: ApiError = await (await bulk({ ids: [], action: 'archive' }, authorization)).json();
    expect(empty.error.fields?.ids).toContain(String(BULK_MAX_IDS));
    const english = await postJson('/api/v1/stakeholders/bulk', { ids: [a], action: 'delete' }, { authorization, 'accept-language': 'en' });
    expect(((await english.json()) as ApiError).error.fields?.action).toBe('Choose one of the listed options.');
    expect((await postJson('/api/v1/stakeholders/bulk', [a], { authorization })).status).toBe(400);
    expect(await listNames(authorization)).toEqual(['甲']);
    const row = await env.DB.prepare('SELECT archived_at FROM stakeholders WHERE id = ?').bind(a).first<{ archived_at: number | null }>();
    expect(row?.archived_at).toBeNull();
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM stakeholder_tags').first<{ n: number }>())?.n).toBe(0);
  });
});

describe('POST /api/v1/stakeholders/:id/erase', () => {
  it('clears personal data, writes an audit entry, and the stakeholder then reads as 404', async () => {
    const a = await aStakeholder('甲', ['沪港青年']);
    const { authorization, staff } = await bearerFor('organizer');
    const res = await postJson(`/api/v1/stakeholders/${a}/erase`, {}, { authorization });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ erased: true });

    const row = await env.DB.prepare('SELECT name, organization, title, email, phone, notes, search_text, erased_at FROM stakeholders WHERE id = ?')
      .bind(a)
      .first<Record<string, unknown>>();
    expect(row).toMatchObject({ organization: '', title: '', email: null, phone: '', notes: '', search_text: '' });
    expect(row?.name).not.toBe('甲');
    expect(row?.erased_at).not.toBeNull();
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM stakeholder_tags WHERE stakeholder_id = ?').bind(a).first<{ n: number }>())?.n).toBe(0);
    const audit = await env.DB.prepare("SELECT actor_staff_id FROM audit_log WHERE action = 'stakeholder.erase' AND entity_id = ?").bind(a).all<{ actor_staff_id: string }>();
    expect(audit.results).toEqual([{ actor_staff_id: staff.id }]);

    expect((await request(`/api/v1/stakeholders/${a}`, { headers: { authorization } })).status).toBe(404);
    expect(await listNames(authorization)).toEqual([]);
  });

  it('answers 404 for an unknown id', async () => {
    const { authorization } = await bearerFor('organizer');
    const res = await postJson('/api/v1/stakeholders/01JZZZZZZZZZZZZZZZZZZZZZZZ/erase', {}, { authorization });
    expect(res.status).toBe(404);
    expect(((await res.json()) as ApiError).error.code).toBe('not_found');
  });
});

describe('viewers', () => {
  it('get 403 from bulk and erase, and nothing changes', async () => {
    const a = await aStakeholder('甲');
    const { authorization } = await bearerFor('viewer');
    expect((await bulk({ ids: [a], action: 'archive' }, authorization)).status).toBe(403);
    expect((await bulk({ ids: [a], action: 'tag', tag: '标签' }, authorization)).status).toBe(403);
    expect((await postJson(`/api/v1/stakeholders/${a}/erase`, {}, { authorization })).status).toBe(403);
    const row = await env.DB.prepare('SELECT name, archived_at, erased_at FROM stakeholders WHERE id = ?').bind(a).first();
    expect(row).toEqual({ name: '甲', archived_at: null, erased_at: null });
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM stakeholder_tags').first<{ n: number }>())?.n).toBe(0);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE entity_id = ? AND action != 'stakeholder.create'").bind(a).first<{ n: number }>())?.n).toBe(0);
  });
});
