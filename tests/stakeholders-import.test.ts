import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { demoFileBytes } from '../src/dev/demo-data';
import { decodeCsvBytes } from '../src/lib/csv';
import { applyImportPlan, planImport } from '../src/features/stakeholders/import';
import { BASE_URL, bearerFor, request, signedInAs, testDeps } from './helpers';

type ImportBody = { created: number; updated: number; unchanged: number; errors: { row: number; column: string; message: string }[] };

async function clearStakeholders() {
  await env.DB.batch([env.DB.prepare('DELETE FROM stakeholder_tags'), env.DB.prepare('DELETE FROM stakeholders')]);
}

function csvFile(content: string | Uint8Array, name = 'stakeholders.csv') {
  return new File([content], name, { type: 'text/csv' });
}

async function apiImport(authorization: string, file: File, dryRun = false) {
  const body = new FormData();
  body.set('file', file);
  if (dryRun) body.set('dryRun', '1');
  return request('/api/v1/stakeholders/import', { method: 'POST', body, headers: { authorization } });
}

async function stakeholderRows() {
  const { results } = await env.DB.prepare('SELECT * FROM stakeholders ORDER BY id').all<Record<string, unknown>>();
  return results;
}

beforeEach(clearStakeholders);

describe('encoding detection', () => {
  it('reads the UTF-8 demo file (with BOM) and the GBK demo file alike', () => {
    const utf8 = decodeCsvBytes(demoFileBytes('stakeholdersUtf8'));
    const gbk = decodeCsvBytes(demoFileBytes('stakeholdersGbk'));
    expect(utf8.encoding).toBe('utf-8');
    expect(utf8.text.startsWith('name,')).toBe(true);
    expect(gbk.encoding).toBe('gb18030');
    expect(gbk.text.startsWith('姓名,单位,职务,类别')).toBe(true);
    expect(gbk.text).toContain('林晓雯');
  });

  it('reads UTF-8 without a BOM as UTF-8', () => {
    const result = decodeCsvBytes(new TextEncoder().encode('姓名,类别\r\n张三,专家\r\n'));
    expect(result).toEqual({ text: '姓名,类别\r\n张三,专家\r\n', encoding: 'utf-8' });
  });
});

describe('importing the demo files through the API', () => {
  it('creates every stakeholder of the UTF-8 file with tags', async () => {
    const { authorization } = await bearerFor('organizer');
    const res = await apiImport(authorization, csvFile(demoFileBytes('stakeholdersUtf8')));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ created: 10, updated: 0, unchanged: 0, errors: [] });
    const rows = await stakeholderRows();
    expect(rows).toHaveLength(10);
    const li = rows.find((r) => r.email === 'li.mingzhe@example.com')!;
    expect(li.name).toBe('李明哲');
    expect(li.category).toBe('enterprise');
    const tags = await env.DB.prepare('SELECT tag FROM stakeholder_tags WHERE stakeholder_id = ? ORDER BY tag').bind(li.id).all();
    expect(tags.results.map((t) => t.tag)).toEqual(['孵化', '硅巷']);
    expect(li.search_text).toContain('孵化');
  });

  it('creates every stakeholder of the GBK file with correct Chinese names and categories', async () => {
    const { authorization } = await bearerFor('organizer');
    const res = await apiImport(authorization, csvFile(demoFileBytes('stakeholdersGbk')));
    expect(await res.json()).toEqual({ created: 9, updated: 0, unchanged: 0, errors: [] });
    const rows = await stakeholderRows();
    expect(rows.map((r) => r.name)).toContain('陈海燕');
    expect(rows.find((r) => r.name === '林晓雯')!.category).toBe('proposer');
    expect(rows.find((r) => r.name === '吴佳琪')!.category).toBe('young_entrepreneur');
    expect(rows.find((r) => r.name === '陈海燕')!.organization).toBe('华阳路街道办事处');
  });

  it('a second import of the same file changes nothing and duplicates no one', async () => {
    const { authorization } = await bearerFor('organizer');
    await apiImport(authorization, csvFile(demoFileBytes('stakeholdersUtf8')));
    const again = await apiImport(authorization, csvFile(demoFileBytes('stakeholdersUtf8')));
    expect(await again.json()).toEqual({ created: 0, updated: 0, unchanged: 10, errors: [] });
    const gbk = await apiImport(authorization, csvFile(demoFileBytes('stakeholdersGbk')));
    expect(await gbk.json()).toEqual({ created: 0, updated: 0, unchanged: 9, errors: [] });
    expect(await stakeholderRows()).toHaveLength(10);
  });

  it('refuses each bad row with its row, column and reason, and applies the good ones', async () => {
    const { authorization } = await bearerFor('organizer');
    await apiImport(authorization, csvFile(demoFileBytes('stakeholdersUtf8')));
    const res = await apiImport(authorization, csvFile(demoFileBytes('stakeholdersBad')));
    const body = (await res.json()) as ImportBody;
    expect(res.status).toBe(200);
    expect(body.created).toBe(2);
    expect(body.updated).toBe(1);
    expect(body.errors.map(({ row, column }) => ({ row, column }))).toEqual([
      { row: 3, column: 'name' },
      { row: 4, column: 'email' },
      { row: 5, column: 'category' },
      { row: 8, column: 'email' },
      { row: 9, column: 'name' },
      { row: 10, column: 'title' },
    ]);
    expect(body.errors.every((e) => e.message.length > 0)).toBe(true);
    expect(body.errors[4]!.message).toContain('100');
    expect(body.errors[3]!.message).toContain('7');
    const rows = await stakeholderRows();
    expect(rows).toHaveLength(12);
    expect(rows.filter((r) => String(r.email_normalized) === 'lin.xiaowen@example.com')).toHaveLength(1);
    expect(rows.filter((r) => r.email === 'dup@example.com')).toHaveLength(1);
  });

  it('a dry run reports what would happen and writes nothing', async () => {
    const { authorization } = await bearerFor('organizer');
    const audits = () => env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'stakeholder.import'").first<{ n: number }>();
    const auditsBefore = await audits();
    const res = await apiImport(authorization, csvFile(demoFileBytes('stakeholdersUtf8')), true);
    expect(await res.json()).toEqual({ created: 10, updated: 0, unchanged: 0, errors: [] });
    expect(await stakeholderRows()).toHaveLength(0);
    expect(await audits()).toEqual(auditsBefore);
  });
});

describe('importing through the pages', () => {
  it('previews row by row without writing, then applies on confirm without a new upload', async () => {
    const { cookie } = await signedInAs('organizer');
    const body = new FormData();
    body.set('file', csvFile(demoFileBytes('stakeholdersBad')));
    const preview = await request('/stakeholders/import', { method: 'POST', body, headers: { cookie, origin: BASE_URL } });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(await stakeholderRows()).toHaveLength(0);
    expect(html).toContain('与第 7 行重复');
    expect(html).toMatch(/<td>5<\/td><td>category<\/td><td>[^<]+<\/td>/);
    expect(html).toContain('新增 3 人，更新 0 人，无变化 0 人，拒绝 6 行。');
    const payload = /name="payload" value="([^"]+)"/.exec(html)![1]!;

    const confirm = new FormData();
    confirm.set('payload', payload);
    const result = await request('/stakeholders/import/confirm', { method: 'POST', body: confirm, headers: { cookie, origin: BASE_URL } });
    expect(result.status).toBe(200);
    expect(await result.text()).toContain('新增 3 人');
    expect((await stakeholderRows()).map((r) => r.email).sort()).toEqual(['LIN.XIAOWEN@example.com', 'dup@example.com', 'formula@example.com']);
  });

  it('checks the carried data again on confirm instead of trusting it', async () => {
    const { cookie } = await signedInAs('organizer');
    const tampered = new FormData();
    tampered.set('payload', btoa(unescape(encodeURIComponent('name,category,email\n好人,expert,good@example.com\n坏人,alien,bad@example.com\n'))));
    const res = await request('/stakeholders/import/confirm', { method: 'POST', body: tampered, headers: { cookie, origin: BASE_URL } });
    expect(res.status).toBe(200);
    expect((await stakeholderRows()).map((r) => r.name)).toEqual(['好人']);
    const garbage = new FormData();
    garbage.set('payload', '%%%not base64');
    expect((await request('/stakeholders/import/confirm', { method: 'POST', body: garbage, headers: { cookie, origin: BASE_URL } })).status).toBe(422);
  });
});

describe('header variants', () => {
  it('accepts Chinese headings in any order, extra columns, notes and Chinese or English category labels', async () => {
    const { authorization } = await bearerFor('organizer');
    const csv = '备注,类别,姓名,邮箱,其他列\r\n老朋友,专家,钱学,qian@example.com,x\r\n,Enterprise,宋佳,song@example.com,\r\n,提案人,周二,zhou2@example.com,\r\n';
    const res = await apiImport(authorization, csvFile(csv));
    expect(await res.json()).toEqual({ created: 3, updated: 0, unchanged: 0, errors: [] });
    const rows = await stakeholderRows();
    expect(rows.find((r) => r.name === '钱学')).toMatchObject({ category: 'expert', notes: '老朋友' });
    expect(rows.find((r) => r.name === '宋佳')!.category).toBe('enterprise');
    expect(rows.find((r) => r.name === '周二')!.category).toBe('proposer');
  });

  it('refuses a file without the name or category column, naming what is missing', async () => {
    const { authorization } = await bearerFor('organizer');
    const res = await apiImport(authorization, csvFile('姓名,邮箱\n张三,z@example.com\n'));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('missing_columns');
    expect(body.error.message).toContain('category');
  });
});

describe('limits', () => {
  it('refuses 5,001 data rows with a message naming 5000, and writes nothing', async () => {
    const { authorization } = await bearerFor('organizer');
    const lines = ['name,category,email'];
    for (let i = 0; i < 5001; i++) lines.push(`人${i},expert,r${i}@example.com`);
    const res = await apiImport(authorization, csvFile(lines.join('\n')));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('too_many_rows');
    expect(body.error.message).toContain('5000');
    expect(await stakeholderRows()).toHaveLength(0);
  });

  it('imports exactly 5,000 rows in one go', async () => {
    const { authorization } = await bearerFor('organizer');
    const lines = ['name,category,email,tags'];
    for (let i = 0; i < 5000; i++) lines.push(`人${i},expert,r${i}@example.com,甲;乙`);
    const res = await apiImport(authorization, csvFile(lines.join('\n')));
    expect(await res.json()).toEqual({ created: 5000, updated: 0, unchanged: 0, errors: [] });
    expect(await env.DB.prepare('SELECT count(*) AS n FROM stakeholder_tags').first('n')).toBe(10000);
  });

  it('answers 413 to a file over 2 MB, from the API and the page', async () => {
    const { authorization } = await bearerFor('organizer');
    const big = csvFile(`name,category\n${'x'.repeat(2 * 1024 * 1024)}\n`);
    const res = await apiImport(authorization, big);
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.message).toContain('2 MB');
    const { cookie } = await signedInAs('organizer');
    const form = new FormData();
    form.set('file', big);
    const page = await request('/stakeholders/import', { method: 'POST', body: form, headers: { cookie, origin: BASE_URL } });
    expect(page.status).toBe(413);
    expect(await page.text()).toContain('2 MB');
  });

  it('refuses over-long fields and too many tags with the limit in the message', async () => {
    const { authorization } = await bearerFor('organizer');
    const tags = Array.from({ length: 21 }, (_, i) => `t${i}`).join(';');
    const csv = `name,category,organization,tags\n甲,expert,${'单'.repeat(201)},\n乙,expert,,${tags}\n丙,expert,,${'签'.repeat(41)}\n`;
    const body = (await (await apiImport(authorization, csvFile(csv))).json()) as ImportBody;
    expect(body.errors).toEqual([
      { row: 2, column: 'organization', message: expect.stringContaining('200') },
      { row: 3, column: 'tags', message: expect.stringContaining('20') },
      { row: 4, column: 'tags', message: expect.stringContaining('40') },
    ]);
  });
});

describe('bytes the encoding cannot read', () => {
  const ascii = (text: string) => [...new TextEncoder().encode(text)];
  // GBK: 张三 D5C5 C8FD, 李四 C0EE CBC4, 单位 B5A5 CEBB; 0xFF is never a GBK lead byte.
  const gbkFile = new Uint8Array([
    ...ascii('name,organization,category\r\n'),
    ...[0xd5, 0xc5, 0xc8, 0xfd], ...ascii(','), ...[0xb5, 0xa5, 0xce, 0xbb], ...ascii(',expert\r\n'),
    ...[0xc0, 0xee, 0xcb, 0xc4], ...ascii(','), ...[0xb5, 0xa5, 0xff, 0xce, 0xbb], ...ascii(',street\r\n'),
  ]);

  it('a damaged cell in a GBK file is refused on its row and column, the other rows are imported, and no U+FFFD is stored', async () => {
    const { authorization } = await bearerFor('organizer');
    const res = await apiImport(authorization, csvFile(gbkFile));
    expect(res.status).toBe(200);
    const body = (await res.json()) as ImportBody;
    expect(body.created).toBe(1);
    expect(body.errors).toEqual([{ row: 3, column: 'organization', message: expect.stringContaining('GBK/GB18030') }]);
    const rows = await stakeholderRows();
    expect(rows.map((r) => [r.name, r.organization])).toEqual([['张三', '单位']]);
    expect(JSON.stringify(rows)).not.toContain('\uFFFD');
  });

  it('a UTF-8 file with one damaged byte stays UTF-8 and only that cell is refused (no GB18030 mojibake for the rest)', async () => {
    const bytes = new Uint8Array([...ascii('name,organization,category\r\n张三,区科协,expert\r\n李四,华阳'), 0xff, ...ascii('街道,street\r\n')]);
    const plan = await planImport(testDeps(), bytes, 'en');
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.value.encoding).toBe('utf-8');
    expect(plan.value.rows.map((r) => [r.input.name, r.input.organization])).toEqual([['张三', '区科协']]);
    expect(plan.value.errors).toEqual([{ row: 3, column: 'organization', message: expect.stringContaining('cannot be read as UTF-8') }]);
  });

  it('a damaged byte after a UTF-8 BOM is refused on its row and column too', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...ascii('姓名,类别\r\n王'), 0xc3, ...ascii('五,专家\r\n')]);
    const plan = await planImport(testDeps(), bytes, 'zh-CN');
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.value.rows).toEqual([]);
    expect(plan.value.errors).toEqual([{ row: 2, column: '姓名', message: expect.stringContaining('按 UTF-8 编码无法识别') }]);
  });
});

describe('formula payloads', () => {
  it('are stored exactly as typed and exported with a leading apostrophe', async () => {
    const { authorization } = await bearerFor('organizer');
    await apiImport(authorization, csvFile(demoFileBytes('stakeholdersBad')));
    const row = (await stakeholderRows()).find((r) => r.email === 'formula@example.com')!;
    expect(row).toMatchObject({ name: '=HYPERLINK("http://evil.example/","点我")', organization: '=1+1', title: '+SUM(A1)', phone: '@cmd' });
    const { cookie } = await signedInAs('viewer');
    const csv = await (await request('/stakeholders/export.csv', { headers: { cookie } })).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/"",""点我"")",'=1+1,'+SUM(A1),企业,formula@example.com,'@cmd,`);
  });
});

describe('atomic import', () => {
  it('a failing batch leaves nothing behind', async () => {
    const deps = testDeps();
    const plan = await planImport(deps, new TextEncoder().encode('name,category,email\n甲,expert,a@example.com\n乙,expert,b@example.com\n'), 'zh-CN');
    if (!plan.ok) throw new Error(plan.error);
    // Two new rows with one address: the unique index fails the last statement of the batch.
    plan.value.rows[1]!.input = { ...plan.value.rows[1]!.input, email: 'A@example.com' };
    const result = await applyImportPlan(deps, null, plan.value);
    expect(result).toMatchObject({ ok: false, error: 'conflict' });
    expect(await stakeholderRows()).toHaveLength(0);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM stakeholder_tags').first('n')).toBe(0);
  });
});
