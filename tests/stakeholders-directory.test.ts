import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyImportPlan, planImport } from '../src/features/stakeholders/import';
import { createStakeholder } from '../src/features/stakeholders/service';
import { bearerFor, postForm, postJson, request, signedInAs, testDeps } from './helpers';

type ApiItem = { id: string; name: string; email: string | null; tags: string[]; archived: boolean; category: string };
type ApiPage = { items: ApiItem[]; nextCursor: string | null };

beforeEach(async () => {
  await env.DB.batch([env.DB.prepare('DELETE FROM stakeholder_tags'), env.DB.prepare('DELETE FROM stakeholders')]);
});

async function aStakeholder(overrides: Partial<{ name: string; organization: string; email: string; category: 'expert' | 'street' | 'enterprise'; tags: string[] }> = {}) {
  const input = {
    name: overrides.name ?? '张三',
    organization: overrides.organization ?? '区科协',
    title: '',
    category: overrides.category ?? 'expert',
    email: overrides.email ?? `p-${crypto.randomUUID().slice(0, 8)}@example.com`,
    phone: '',
    tags: overrides.tags ?? [],
    notes: '',
    consent: true,
  };
  const result = await createStakeholder(testDeps(), null, input);
  if (!result.ok) throw new Error(result.error);
  return { id: result.value.id, ...input };
}

/** Many stakeholders at once, through the import. */
async function manyStakeholders(count: number) {
  const lines = ['name,organization,category,email,tags'];
  for (let i = 0; i < count; i++) lines.push(`人员${i},${i % 2 ? '华阳路街道' : '区商务委'},${i % 3 ? 'street' : 'expert'},p${i}@example.com,${i % 5 ? '' : '五'}`);
  const plan = await planImport(testDeps(), new TextEncoder().encode(lines.join('\n')), 'zh-CN');
  if (!plan.ok) throw new Error(plan.error);
  await applyImportPlan(testDeps(), null, plan.value);
}

async function apiList(authorization: string, query = ''): Promise<ApiPage> {
  const res = await request(`/api/v1/stakeholders${query}`, { headers: { authorization } });
  expect(res.status).toBe(200);
  return res.json();
}

describe('listing, search and paging', () => {
  it('walks 120 stakeholders by cursor, 50 a page, with none repeated or missing', async () => {
    await manyStakeholders(120);
    const { authorization } = await bearerFor('viewer');
    const seen: string[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const page: ApiPage = await apiList(authorization, cursor ? `?cursor=${cursor}` : '');
      sizes.push(page.items.length);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([50, 50, 20]);
    expect(new Set(seen).size).toBe(120);
  });

  it('the list page links to the next page and shows the following stakeholders', async () => {
    await manyStakeholders(60);
    const { cookie } = await signedInAs('viewer');
    const first = await (await request('/stakeholders', { headers: { cookie } })).text();
    const next = /href="\/stakeholders\?cursor=([0-9A-Z]{26})"/.exec(first);
    expect(next).not.toBeNull();
    const second = await (await request(`/stakeholders?cursor=${next![1]}`, { headers: { cookie } })).text();
    expect(second.match(/href="\/stakeholders\/[0-9A-Z]{26}"/g)).toHaveLength(10);
    expect(second).not.toContain('?cursor=');
  });

  it('finds Chinese names and organizations, and filters by category and tag', async () => {
    await aStakeholder({ name: '林晓雯', organization: '区政协', category: 'street', tags: ['提案051'] });
    await aStakeholder({ name: '陈海燕', organization: '华阳路街道办事处', category: 'street' });
    await aStakeholder({ name: 'Chan Ka Ming', organization: 'Harbour Robotics', category: 'enterprise', tags: ['沪港青年'] });
    const { authorization } = await bearerFor('viewer');
    const names = async (query: string) => (await apiList(authorization, query)).items.map((i) => i.name).sort();
    expect(await names(`?q=${encodeURIComponent('晓雯')}`)).toEqual(['林晓雯']);
    expect(await names(`?q=${encodeURIComponent('华阳路')}`)).toEqual(['陈海燕']);
    expect(await names('?q=harbour')).toEqual(['Chan Ka Ming']);
    expect(await names('?q=100%25')).toEqual([]);
    expect(await names('?category=street')).toEqual(['林晓雯', '陈海燕']);
    expect(await names(`?tag=${encodeURIComponent('沪港青年')}`)).toEqual(['Chan Ka Ming']);
    const { cookie } = await signedInAs('viewer');
    const html = await (await request(`/stakeholders?q=${encodeURIComponent('晓雯')}`, { headers: { cookie } })).text();
    expect(html).toContain('林晓雯');
    expect(html).not.toContain('陈海燕');
  });
});

describe('creating and editing', () => {
  it('an organizer creates a stakeholder with a form; phone and tags are normalized and searchable', async () => {
    const { cookie } = await signedInAs('organizer');
    const res = await postForm('/stakeholders', { name: '周立群', organization: '区政协', title: '委员', category: 'proposer', email: 'Zhou@Example.com', phone: '+86 138-0000-0002', tags: '提案051、早餐会，硅巷', notes: '', consent: '1' }, { cookie });
    expect(res.status).toBe(303);
    const row = await env.DB.prepare('SELECT * FROM stakeholders').first<Record<string, unknown>>();
    expect(row).toMatchObject({ name: '周立群', email: 'Zhou@Example.com', email_normalized: 'zhou@example.com', phone: '+86 138-0000-0002', phone_normalized: '13800000002', consent: 1, source: 'manual' });
    expect(res.headers.get('location')).toBe(`/stakeholders/${row!.id}?notice=created`);
    const tags = await env.DB.prepare('SELECT tag FROM stakeholder_tags ORDER BY tag').all<{ tag: string }>();
    expect(tags.results.map((t) => t.tag).sort()).toEqual(['提案051', '早餐会', '硅巷'].sort());
    expect(String(row!.search_text)).toContain('13800000002');
    const audit = await env.DB.prepare("SELECT action FROM audit_log WHERE entity_id = ?").bind(row!.id).all();
    expect(audit.results).toEqual([{ action: 'stakeholder.create' }]);
  });

  it('bad input re-renders the form with the values typed and field errors, and saves nothing', async () => {
    const { cookie } = await signedInAs('organizer');
    const res = await postForm('/stakeholders', { name: '', organization: '某单位', category: 'alien', email: 'not-an-email', tags: '' }, { cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('value="某单位"');
    expect(html).toContain('id="name-error"');
    expect(html).toContain('id="category-error"');
    expect(html).toContain('id="email-error"');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM stakeholders').first('n')).toBe(0);
  });

  it('a duplicate email, in any letter case, is refused on the email field naming who has it', async () => {
    await aStakeholder({ name: '林晓雯', email: 'lin@example.com' });
    const other = await aStakeholder({ name: '王建国', email: 'wang@example.com' });
    const { cookie } = await signedInAs('organizer');
    const created = await postForm('/stakeholders', { name: '林二', category: 'expert', email: 'LIN@example.com' }, { cookie });
    expect(created.status).toBe(422);
    expect(await created.text()).toMatch(/id="email-error"[^>]*>[^<]*林晓雯/);
    const edited = await postForm(`/stakeholders/${other.id}`, { name: '王建国', category: 'street', email: 'Lin@Example.com' }, { cookie });
    expect(edited.status).toBe(422);
    expect(await env.DB.prepare('SELECT email FROM stakeholders WHERE id = ?').bind(other.id).first('email')).toBe('wang@example.com');
  });

  it('an edit replaces fields and tags and keeps search text in step', async () => {
    const s = await aStakeholder({ name: '赵敏', tags: ['旧标签'] });
    const { cookie } = await signedInAs('organizer');
    const res = await postForm(`/stakeholders/${s.id}`, { name: '赵敏', organization: '区商务委', title: '科长', category: 'street', email: s.email, phone: '021-52380001', tags: '新标签', notes: '电话联系', consent: '1' }, { cookie });
    expect(res.status).toBe(303);
    const row = await env.DB.prepare('SELECT * FROM stakeholders WHERE id = ?').bind(s.id).first<Record<string, unknown>>();
    expect(row).toMatchObject({ organization: '区商务委', category: 'street', notes: '电话联系' });
    expect(String(row!.search_text)).toContain('新标签');
    expect(String(row!.search_text)).not.toContain('旧标签');
    const detail = await (await request(`/stakeholders/${s.id}`, { headers: { cookie } })).text();
    expect(detail).toContain('新标签');
    expect(detail).toContain('区商务委');
  });
});

describe('bulk actions', () => {
  it('tags, untags, archives and unarchives the selected stakeholders only', async () => {
    const a = await aStakeholder({ name: '甲' });
    const b = await aStakeholder({ name: '乙' });
    const c = await aStakeholder({ name: '丙' });
    const { cookie } = await signedInAs('organizer');
    const { authorization } = await bearerFor('viewer');
    const bulk = (fields: Record<string, string | string[]>) => postForm('/stakeholders/bulk', { back: '/stakeholders', ...fields }, { cookie });

    expect((await bulk({ ids: [a.id, b.id], action: 'tag', tag: '第一期早餐会' })).status).toBe(303);
    const tagged = await apiList(authorization, `?tag=${encodeURIComponent('第一期早餐会')}`);
    expect(tagged.items.map((i) => i.name).sort()).toEqual(['乙', '甲']);
    expect((await apiList(authorization, `?q=${encodeURIComponent('第一期')}`)).items).toHaveLength(2);

    await bulk({ ids: [a.id], action: 'untag', tag: '第一期早餐会' });
    expect((await apiList(authorization, `?tag=${encodeURIComponent('第一期早餐会')}`)).items.map((i) => i.name)).toEqual(['乙']);
    expect((await apiList(authorization, `?q=${encodeURIComponent('第一期')}`)).items.map((i) => i.name)).toEqual(['乙']);

    const archived = await bulk({ ids: [b.id, c.id], action: 'archive' });
    expect(archived.headers.get('location')).toContain('notice=bulk');
    expect((await apiList(authorization)).items.map((i) => i.name)).toEqual(['甲']);
    expect((await apiList(authorization, '?archived=1')).items.map((i) => i.name).sort()).toEqual(['丙', '乙'].sort());

    await bulk({ ids: [c.id], action: 'unarchive' });
    expect((await apiList(authorization)).items.map((i) => i.name).sort()).toEqual(['丙', '甲'].sort());
  });

  it('without a selection or a tag nothing changes and the list explains why', async () => {
    const a = await aStakeholder({ name: '甲' });
    const { cookie } = await signedInAs('organizer');
    const none = await postForm('/stakeholders/bulk', { back: '/stakeholders', action: 'archive' }, { cookie });
    expect(none.headers.get('location')).toBe('/stakeholders?error=none');
    const noTag = await postForm('/stakeholders/bulk', { back: '/stakeholders', ids: a.id, action: 'tag', tag: ' ' }, { cookie });
    expect(noTag.headers.get('location')).toBe('/stakeholders?error=tag');
    expect(await env.DB.prepare('SELECT count(*) AS n FROM stakeholder_tags').first('n')).toBe(0);
    const html = await (await request('/stakeholders?error=none', { headers: { cookie } })).text();
    expect(html).toContain('请先勾选至少一位征求对象');
  });
});

describe('erasing personal data', () => {
  it('asks for confirmation, then clears the data and hides the row from list, search and export', async () => {
    const s = await aStakeholder({ name: '孙悦', organization: '区人力资源社会保障局', email: 'sun.yue@example.com', tags: ['硅巷'] });
    await aStakeholder({ name: '留下的人' });
    const { cookie } = await signedInAs('organizer');
    const confirm = await request(`/stakeholders/${s.id}/erase`, { headers: { cookie } });
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain(`action="/stakeholders/${s.id}/erase"`);

    const asked = await postForm(`/stakeholders/${s.id}/erase`, {}, { cookie });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('name="confirm" value="1"');
    expect((await env.DB.prepare('SELECT email FROM stakeholders WHERE id = ?').bind(s.id).first<{ email: string }>())!.email).toBe('sun.yue@example.com');
    const res = await postForm(`/stakeholders/${s.id}/erase`, { confirm: '1' }, { cookie });
    expect(res.status).toBe(303);
    const row = await env.DB.prepare('SELECT * FROM stakeholders WHERE id = ?').bind(s.id).first<Record<string, unknown>>();
    expect(row).toMatchObject({ email: null, email_normalized: null, organization: '', title: '', phone: '', notes: '', search_text: '' });
    expect(row!.name).not.toBe('孙悦');
    expect(row!.erased_at).not.toBeNull();
    expect(await env.DB.prepare('SELECT count(*) AS n FROM stakeholder_tags WHERE stakeholder_id = ?').bind(s.id).first('n')).toBe(0);

    const list = await (await request('/stakeholders', { headers: { cookie } })).text();
    expect(list).toContain('留下的人');
    expect(list).not.toContain(s.id);
    const search = await (await request(`/stakeholders?q=${encodeURIComponent('孙悦')}`, { headers: { cookie } })).text();
    expect(search).not.toContain(s.id);
    const csv = await (await request('/stakeholders/export.csv', { headers: { cookie } })).text();
    expect(csv).toContain('留下的人');
    expect(csv).not.toContain('孙悦');
    expect(csv).not.toContain('sun.yue');
    const audit = await env.DB.prepare("SELECT action, detail FROM audit_log WHERE entity_id = ? AND action = 'stakeholder.erase'").bind(s.id).first();
    expect(audit).not.toBeNull();
    expect(JSON.stringify(audit)).not.toContain('孙悦');
  });
});

describe('export', () => {
  it('is UTF-8 with a BOM, CRLF, Chinese headings, the current filters and a dated file name', async () => {
    await aStakeholder({ name: '林晓雯', category: 'street' });
    await aStakeholder({ name: '李明哲', category: 'enterprise' });
    const { cookie } = await signedInAs('viewer');
    const res = await request('/stakeholders/export.csv?category=street', { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="stakeholders-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''%E5%BE%81/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toBe('姓名,单位,职务,类别,邮箱,电话,标签,备注,同意联系,创建时间,更新时间');
    expect(text).toContain('林晓雯,区科协,,街道');
    expect(text).not.toContain('李明哲');
  });
});

describe('the JSON API', () => {
  it('creates, reads and patches a stakeholder; unknown ids are 404; bad input is 422 with fields', async () => {
    const { authorization } = await bearerFor('organizer');
    const created = await postJson('/api/v1/stakeholders', { name: '吴佳琪', category: 'young_entrepreneur', email: 'wu@example.com', tags: ['沪港青年'] }, { authorization });
    expect(created.status).toBe(201);
    const item = (await created.json()) as ApiItem & Record<string, unknown>;
    expect(item).toMatchObject({ name: '吴佳琪', tags: ['沪港青年'], archived: false, consent: true, source: 'manual', organization: '' });
    expect(Object.keys(item).sort()).toEqual(['archived', 'category', 'consent', 'createdAt', 'email', 'id', 'name', 'notes', 'organization', 'phone', 'source', 'tags', 'title', 'updatedAt']);

    const patched = await postJson(`/api/v1/stakeholders/${item.id}`, { title: '创始人' }, { authorization }, 'PATCH');
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ name: '吴佳琪', title: '创始人', tags: ['沪港青年'] });

    const read = await request(`/api/v1/stakeholders/${item.id}`, { headers: { authorization } });
    expect(await read.json()).toMatchObject({ title: '创始人' });
    expect((await request('/api/v1/stakeholders/01AAAAAAAAAAAAAAAAAAAAAAAA', { headers: { authorization } })).status).toBe(404);
    expect((await postJson('/api/v1/stakeholders/01AAAAAAAAAAAAAAAAAAAAAAAA', { name: 'x' }, { authorization }, 'PATCH')).status).toBe(404);

    const bad = await postJson('/api/v1/stakeholders', { name: '', category: 'alien' }, { authorization });
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { error: { code: string; message: string; fields: Record<string, string> } };
    expect(body.error.code).toBe('invalid_input');
    expect(Object.keys(body.error.fields).sort()).toEqual(['category', 'name']);

    const dup = await postJson('/api/v1/stakeholders', { name: '另一人', category: 'expert', email: 'WU@example.com' }, { authorization });
    expect(dup.status).toBe(422);
    expect(((await dup.json()) as { error: { fields: Record<string, string> } }).error.fields.email).toContain('吴佳琪');
  });
});

describe('who may do what', () => {
  it('anonymous visitors are sent to sign in on pages and get 401 from the API', async () => {
    const s = await aStakeholder();
    for (const path of ['/stakeholders', '/stakeholders/new', `/stakeholders/${s.id}`, '/stakeholders/import', '/stakeholders/export.csv']) {
      const res = await request(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toMatch(/^\/auth\/sign-in/);
    }
    expect((await postForm('/stakeholders', { name: 'x', category: 'expert' })).status).toBe(401);
    expect((await request('/api/v1/stakeholders')).status).toBe(401);
    expect((await postJson('/api/v1/stakeholders', { name: 'x', category: 'expert' })).status).toBe(401);
  });

  it('viewers read but every change is 403 and changes nothing', async () => {
    const s = await aStakeholder({ name: '只读' });
    const { cookie } = await signedInAs('viewer');
    const { authorization } = await bearerFor('viewer');
    expect((await request('/stakeholders', { headers: { cookie } })).status).toBe(200);
    expect((await request(`/stakeholders/${s.id}`, { headers: { cookie } })).status).toBe(200);
    expect((await request('/stakeholders/export.csv', { headers: { cookie } })).status).toBe(200);
    for (const path of ['/stakeholders/new', `/stakeholders/${s.id}/edit`, `/stakeholders/${s.id}/erase`, '/stakeholders/import']) {
      expect((await request(path, { headers: { cookie } })).status, path).toBe(403);
    }
    const posts: [string, Record<string, string>][] = [
      ['/stakeholders', { name: 'x', category: 'expert' }],
      [`/stakeholders/${s.id}`, { name: '改名', category: 'expert' }],
      [`/stakeholders/${s.id}/erase`, {}],
      ['/stakeholders/bulk', { ids: s.id, action: 'archive' }],
      ['/stakeholders/import/confirm', { payload: btoa('name,category\nx,expert') }],
    ];
    for (const [path, fields] of posts) expect((await postForm(path, fields, { cookie })).status, path).toBe(403);
    expect((await postJson('/api/v1/stakeholders', { name: 'x', category: 'expert' }, { authorization })).status).toBe(403);
    expect((await postJson(`/api/v1/stakeholders/${s.id}`, { name: '改名' }, { authorization }, 'PATCH')).status).toBe(403);
    expect((await apiList(authorization)).items.map((i) => i.name)).toEqual(['只读']);
    const page = await (await request('/stakeholders', { headers: { cookie } })).text();
    expect(page).not.toContain('name="ids"');
  });

  it('organizers see the bulk form and the new and import buttons', async () => {
    await aStakeholder();
    const { cookie } = await signedInAs('organizer');
    const page = await (await request('/stakeholders', { headers: { cookie } })).text();
    expect(page).toContain('name="ids"');
    expect(page).toContain('href="/stakeholders/new"');
    expect((await request('/stakeholders/import', { headers: { cookie } })).status).toBe(200);
  });
});
