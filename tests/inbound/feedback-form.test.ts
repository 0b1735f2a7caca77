import { eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inboundItems, invitations, opinions } from '../../src/db/schema';
import { BASE_URL, bearerFor, request, signedInAs, testDeps } from '../helpers';
import { aRound, aStakeholder, anInvitation } from '../feedback/factories';
import { fillDocx, fillXlsx } from './form-fill';

const ARTICLE = '五（一）1 助力重点产业创新';
const WHOLE = '整体意见';

async function invited() {
  const round = await aRound();
  const person = await aStakeholder({ name: '钱立群' });
  const invitation = await anInvitation(round, person);
  return { round, person, invitation };
}

async function download(path: string) {
  const res = await request(path);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

function upload(roundId: string, bytes: Uint8Array, authorization: string, name = 'form.docx') {
  const body = new FormData();
  body.append('file', new File([bytes], name));
  return request(`/api/v1/rounds/${roundId}/responses/import`, { method: 'POST', body, headers: { authorization } });
}

describe('the 意见反馈表 behind a feedback link', () => {
  it('is a Word document with the person, one row per section, the deadline, the reply address and a hidden reference that is not the token', async () => {
    const { invitation } = await invited();
    const { res, bytes } = await download(`${invitation.path}/form.docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const files = unzipSync(bytes);
    const document = strFromU8(files['word/document.xml']!);
    expect(document).toContain('钱立群');
    expect(document).toContain('区商务委');
    expect(document).toContain('修改意见');
    expect(document).toContain('助力重点产业创新');
    expect(document).toMatch(/reply\+rt1-[0-9a-z]{26}-[0-9a-f]{20}@reply\.example\.gov\.cn/);
    const custom = strFromU8(files['docProps/custom.xml']!);
    expect(custom).toMatch(/RoundtableReference[\s\S]*rt1-/);
    const everything = Object.values(files).map((f) => strFromU8(f)).join('');
    expect(everything).not.toContain(invitation.token);
  });

  it('is a workbook with the form sheet first and the reference in a hidden sheet', async () => {
    const { invitation } = await invited();
    const { res, bytes } = await download(`${invitation.path}/form.xlsx`);
    expect(res.status).toBe(200);
    const files = unzipSync(bytes);
    expect(strFromU8(files['xl/workbook.xml']!)).toMatch(/<sheet name="roundtable" sheetId="3" state="hidden"/);
    const strings = strFromU8(files['xl/sharedStrings.xml']!);
    for (const text of ['意见反馈表', '钱立群', '修改意见', '理由', ARTICLE]) expect(strings).toContain(text);
    expect(strings).not.toContain(invitation.token);
  });

  it('is not served for a revoked link', async () => {
    const round = await aRound();
    const invitation = await anInvitation(round, undefined, { revoked: true });
    expect((await request(`${invitation.path}/form.docx`)).status).toBe(404);
  });

  it('is offered on the feedback page', async () => {
    const { invitation } = await invited();
    const html = await (await request(invitation.path)).text();
    expect(html).toContain(`${invitation.path}/form.docx`);
    expect(html).toContain(`${invitation.path}/form.xlsx`);
  });
});

describe('reading a filled 意见反馈表 back', () => {
  const fills = {
    [ARTICLE]: { opinion: '建议增加对专精特新企业的支持条款。', reason: '与市级政策衔接。' },
    [WHOLE]: { opinion: '总体同意。' },
  };

  for (const [format, style] of [
    ['docx', 'word'],
    ['docx', 'wps'],
    ['xlsx', 'word'],
    ['xlsx', 'wps'],
  ] as const) {
    it(`finds the opinions per section in a ${format} as ${style === 'wps' ? 'WPS saves it (split runs, inline strings)' : 'Office saves it (one run, shared strings)'}`, async () => {
      const { round, invitation, person } = await invited();
      const { bytes } = await download(`${invitation.path}/form.${format}`);
      const filled = (format === 'docx' ? fillDocx : fillXlsx)(bytes, fills, style, [{ label: '附件二', fill: { opinion: '附件二的表格口径不一致。' } }]);
      const { authorization } = await bearerFor('organizer');
      const res = await upload(round.id, filled, authorization, `form.${format}`);
      expect(res.status).toBe(201);
      const body = (await res.json()) as any;
      expect(body.status).toBe('pending');
      expect(body.stakeholderId).toBe(person.id);
      expect(body.opinions).toEqual([
        { sectionId: round.section('五（一）1').id, label: ARTICLE, text: '建议增加对专精特新企业的支持条款。\n理由：与市级政策衔接。' },
        { sectionId: null, label: WHOLE, text: '总体同意。' },
      ]);
      expect(body.unplaced).toEqual([{ label: '附件二', text: '附件二的表格口径不一致。' }]);
      // Nothing counts until staff confirm.
      expect(await testDeps().db.select().from(opinions).where(eq(opinions.roundId, round.id))).toEqual([]);
    });
  }

  it('counts the opinions once staff confirm, as written opinions of that stakeholder, and only once', async () => {
    const { round, invitation, person } = await invited();
    const { bytes } = await download(`${invitation.path}/form.docx`);
    const { authorization } = await bearerFor('organizer');
    const item = (await (await upload(round.id, fillDocx(bytes, fills, 'word'), authorization)).json()) as any;
    const confirm = () => request(`/api/v1/inbound/${item.id}/confirm`, { method: 'POST', headers: { authorization } });
    expect((await confirm()).status).toBe(200);
    const stored = await testDeps().db.select().from(opinions).where(eq(opinions.roundId, round.id));
    expect(stored.map((o) => [o.sectionId, o.channel, o.stakeholderId, o.authorName])).toEqual(
      expect.arrayContaining([
        [round.section('五（一）1').id, 'letter', person.id, '钱立群'],
        [null, 'letter', person.id, '钱立群'],
      ]),
    );
    expect(stored).toHaveLength(2);
    expect((await testDeps().db.select().from(invitations).where(eq(invitations.id, invitation.id)).get())!.status).toBe('responded');
    const again = await confirm();
    expect(again.status).toBe(409);
    expect(await testDeps().db.select().from(opinions).where(eq(opinions.roundId, round.id))).toHaveLength(2);
  });

  it('refuses a form whose link was reissued since, naming why, and stores nothing', async () => {
    const { round, invitation } = await invited();
    const { bytes } = await download(`${invitation.path}/form.xlsx`);
    await testDeps().db.update(invitations).set({ tokenHash: 'reissued' }).where(eq(invitations.id, invitation.id));
    const { authorization } = await bearerFor('organizer');
    const res = await upload(round.id, fillXlsx(bytes, fills, 'word'), authorization, 'form.xlsx');
    expect(res.status).toBe(422);
    expect(((await res.json()) as any).error.code).toBe('unknown_invitation');
    expect(await testDeps().db.select().from(inboundItems).where(eq(inboundItems.roundId, round.id))).toEqual([]);
  });

  it('refuses a form of another round and a file that is no form', async () => {
    const { invitation } = await invited();
    const other = await aRound();
    const { bytes } = await download(`${invitation.path}/form.docx`);
    const { authorization } = await bearerFor('organizer');
    const res = await upload(other.id, fillDocx(bytes, fills, 'word'), authorization);
    expect(((await res.json()) as any).error.code).toBe('other_round');
    const junk = await upload(other.id, new TextEncoder().encode('not a zip'), authorization);
    expect(junk.status).toBe(422);
    expect(((await junk.json()) as any).error.message).toContain('5 MB');
  });

  it('refuses a form with nothing filled in', async () => {
    const { round, invitation } = await invited();
    const { bytes } = await download(`${invitation.path}/form.docx`);
    const { authorization } = await bearerFor('organizer');
    expect(((await (await upload(round.id, bytes, authorization)).json()) as any).error.code).toBe('empty');
  });

  it('is not open to viewers', async () => {
    const { round, invitation } = await invited();
    const { bytes } = await download(`${invitation.path}/form.docx`);
    const { authorization } = await bearerFor('viewer');
    expect((await upload(round.id, fillDocx(bytes, fills, 'word'), authorization)).status).toBe(403);
  });

  it('lists the pending item in the inbound API', async () => {
    const { round, invitation } = await invited();
    const { bytes } = await download(`${invitation.path}/form.docx`);
    const { authorization } = await bearerFor('organizer');
    const item = (await (await upload(round.id, fillDocx(bytes, fills, 'word'), authorization)).json()) as any;
    const list = (await (await request(`/api/v1/inbound?roundId=${round.id}`, { headers: { authorization } })).json()) as any;
    expect(list.items.map((i: any) => i.id)).toEqual([item.id]);
  });
});

describe('the round’s inbound page', () => {
  it('reads an uploaded form, shows what it found and what it could not place, and confirms it with one click', async () => {
    const { round, invitation } = await invited();
    const { bytes } = await download(`${invitation.path}/form.xlsx`);
    const filled = fillXlsx(bytes, { [ARTICLE]: { opinion: '建议增加示范项目。' } }, 'wps', [
      { label: '附件二', fill: { opinion: '口径不一致。' } },
      { label: '三、关于建设原则', fill: { opinion: '原则部分同意。' } },
    ]);
    const { cookie } = await signedInAs('organizer');
    const body = new FormData();
    body.append('file', new File([filled], '反馈表.xlsx'));
    const posted = await request(`/rounds/${round.id}/inbound/upload`, { method: 'POST', body, headers: { cookie, origin: BASE_URL } });
    expect(posted.status).toBe(303);
    const page = await (await request(`/rounds/${round.id}/inbound`, { headers: { cookie } })).text();
    expect(page).toContain('建议增加示范项目。');
    expect(page).toContain('附件二');
    const item = (await testDeps().db.select().from(inboundItems).where(eq(inboundItems.roundId, round.id)).get())!;
    const confirmed = await request(`/rounds/${round.id}/inbound/${item.id}/confirm`, { method: 'POST', headers: { cookie, origin: BASE_URL } });
    expect(confirmed.status).toBe(303);
    // A row relabelled by hand ("三、关于…") is still placed by the label it starts with.
    expect((await testDeps().db.select().from(opinions).where(eq(opinions.roundId, round.id))).map((o) => [o.sectionId, o.text])).toEqual(
      expect.arrayContaining([
        [round.section('五（一）1').id, '建议增加示范项目。'],
        [round.section('三').id, '原则部分同意。'],
      ]),
    );
  });

  it('re-renders with the reason and the limit when the file is no form', async () => {
    const round = await aRound();
    const { cookie } = await signedInAs('organizer');
    const body = new FormData();
    body.append('file', new File([new TextEncoder().encode('hello')], 'notes.txt'));
    const res = await request(`/rounds/${round.id}/inbound/upload`, { method: 'POST', body, headers: { cookie, origin: BASE_URL } });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('不超过 5 MB');
  });
});
