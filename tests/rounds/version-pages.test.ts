import { Document, Packer, Paragraph } from 'docx';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rounds } from '../../src/db/schema';
import { diffText } from '../../src/features/rounds/text-diff';
import { listVersions } from '../../src/features/rounds/versions';
import { BASE_URL, postForm, request, signedInAs, testDeps } from '../helpers';
import revised from '../fixtures/draft-measure-revised.txt?raw';
import { aLegalRound } from './legal-factories';

async function asWordFile(text: string): Promise<Blob> {
  const children = text.split('\n').filter((line) => line.trim()).map((line) => new Paragraph({ text: line }));
  return new Blob([await Packer.toArrayBuffer(new Document({ sections: [{ children }] }))]);
}

function postMultipart(path: string, form: FormData, cookie: string) {
  return request(path, { method: 'POST', body: form, headers: { origin: BASE_URL, cookie } });
}

const versionCount = async (round: Awaited<ReturnType<typeof aLegalRound>>) => (await listVersions(testDeps(), round)).length;

describe('character-level diff of a Chinese unit', () => {
  it('marks only the changed figure, not the whole sentence (no whole-line noise without spaces)', () => {
    const parts = diffText('（二）可自主支配的场地面积不少于二千平方米；', '（二）可自主支配的场地面积不少于一千五百平方米；');
    expect(parts).toEqual([
      { kind: 'same', text: '（二）可自主支配的场地面积不少于' },
      { kind: 'del', text: '二千' },
      { kind: 'ins', text: '一千五百' },
      { kind: 'same', text: '平方米；' },
    ]);
  });

  it('shows an added unit as one insertion and a removed unit as one deletion', () => {
    expect(diffText(null, '新增条文。')).toEqual([{ kind: 'ins', text: '新增条文。' }]);
    expect(diffText('删去的条文。', null)).toEqual([{ kind: 'del', text: '删去的条文。' }]);
  });
});

describe('the staff page of a round’s versions', () => {
  it('revises a pasted draft into version 2 and shows each changed article with accessible insertions and deletions', async () => {
    const round = await aLegalRound({ status: 'closed' });
    const { cookie } = await signedInAs('organizer');
    const res = await postForm(`/rounds/${round.id}/versions`, { draft: revised }, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/rounds/${round.id}/versions?a=1&b=2&revised=2`);

    const page = await (await request(res.headers.get('location')!, { headers: { cookie } })).text();
    expect(page).toContain('已保存为第 2 版。');
    expect(page).toContain('第七条');
    expect(page).toContain('<del><span class="visually-hidden">删除：</span>三</del><ins><span class="visually-hidden">插入：</span>二</ins>十个工作日');
    expect(page).toContain('<del><span class="visually-hidden">删除：</span>二千</del><ins><span class="visually-hidden">插入：</span>一千五百</ins>');
    // Unchanged articles are counted, not repeated.
    expect(page).not.toContain('认定结果应当在区人民政府网站公示');
    expect(page).toMatch(/另有 \d+ 处条文未修改/);
  });

  it('revises from an uploaded Word file like the round form reads it', async () => {
    const round = await aLegalRound({ status: 'closed' });
    const { cookie } = await signedInAs('organizer');
    const form = new FormData();
    form.set('draft', '');
    form.set('draftFile', await asWordFile(revised), '征求意见稿（修改稿）.docx');
    const res = await postMultipart(`/rounds/${round.id}/versions`, form, cookie);
    expect(res.status).toBe(303);
    const page = await (await request(`/rounds/${round.id}/versions?a=1&b=2`, { headers: { cookie } })).text();
    expect(page).toContain('<ins><span class="visually-hidden">插入：</span>一千五百</ins>');
  });

  it('refuses an empty revision naming the field, keeps one version, and keeps a refused upload’s typed text', async () => {
    const round = await aLegalRound({ status: 'closed' });
    const { cookie } = await signedInAs('organizer');
    const empty = await postForm(`/rounds/${round.id}/versions`, { draft: '   ' }, { cookie });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('id="draft-error"');

    const form = new FormData();
    form.set('draft', '第一条　保留我输入的文字。');
    form.set('draftFile', new Blob(['not a spreadsheet']), 'draft.xlsx');
    const wrongType = await postMultipart(`/rounds/${round.id}/versions`, form, cookie);
    expect(wrongType.status).toBe(422);
    const html = await wrongType.text();
    expect(html).toContain('id="draftFile-error"');
    expect(html).toContain('第一条　保留我输入的文字。');
    expect(await versionCount(round)).toBe(1);
  });

  it('lets a viewer compare versions but offers no revision form', async () => {
    const round = await aLegalRound({ status: 'closed' });
    const organizer = await signedInAs('organizer');
    await postForm(`/rounds/${round.id}/versions`, { draft: revised }, { cookie: organizer.cookie });
    const viewer = await signedInAs('viewer');
    const page = await (await request(`/rounds/${round.id}/versions?a=2&b=1`, { headers: { cookie: viewer.cookie } })).text();
    expect(page).toContain('第 2 版与第 1 版的修改对照');
    expect(page).not.toContain(`action="/rounds/${round.id}/versions" enctype`);
  });
});

describe('the draft’s changes on the published page', () => {
  it('shows the diff from the original to the latest version once the round is published', async () => {
    const round = await aLegalRound({ status: 'closed' });
    const { cookie } = await signedInAs('organizer');
    await postForm(`/rounds/${round.id}/versions`, { draft: revised }, { cookie });
    await testDeps().db.update(rounds).set({ publishedAt: testDeps().clock() }).where(eq(rounds.id, round.id));
    const page = await (await request(`/p/${round.id}`)).text();
    expect(page).toContain('征求意见稿的修改（与原稿对照）');
    expect(page).toContain('<del><span class="visually-hidden">删除：</span>二千</del><ins><span class="visually-hidden">插入：</span>一千五百</ins>');
  });

  it('shows no changes section for a draft never revised', async () => {
    const round = await aLegalRound({ status: 'closed' });
    await testDeps().db.update(rounds).set({ publishedAt: testDeps().clock() }).where(eq(rounds.id, round.id));
    const page = await (await request(`/p/${round.id}`)).text();
    expect(page).not.toContain('征求意见稿的修改');
  });
});
