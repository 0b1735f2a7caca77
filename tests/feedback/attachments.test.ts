/** Files attached to feedback behind a personal link: limits, storage in R2, removal, closed rounds, downloads. */
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { feedbackAttachments, outbox, responses, rounds } from '../../src/db/schema';
import { ATTACHMENT_MAX_BYTES } from '../../src/features/feedback/attachments';
import { BASE_URL, request, signedInAs, testDeps, testNow } from '../helpers';
import { aRound, aStakeholder, anInvitation } from './factories';

const db = () => testDeps().db;

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

function aFile(bytes: Uint8Array, name: string, type = 'application/octet-stream') {
  return new File([bytes], name, { type });
}

function formWith(files: File[], fields: Record<string, string> = { action: 'save' }) {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  for (const file of files) body.append('attachments', file);
  return body;
}

function post(path: string, fields: Record<string, string>, files: File[] = []) {
  return request(path, { method: 'POST', body: formWith(files, fields), headers: { origin: BASE_URL } });
}

async function attachmentsOf(invitationId: string) {
  const response = await db().select().from(responses).where(eq(responses.invitationId, invitationId)).get();
  if (!response) return [];
  return db().select().from(feedbackAttachments).where(eq(feedbackAttachments.responseId, response.id));
}

async function withOneFile() {
  const round = await aRound();
  const person = await aStakeholder();
  const link = await anInvitation(round, person);
  const res = await post(link.path, { action: 'save', whole: '详见附件。' }, [aFile(PDF, '商务委书面意见.pdf', 'application/pdf')]);
  expect(res.status).toBe(303);
  const [row] = await attachmentsOf(link.id);
  return { round, person, link, row: row! };
}

describe('attaching files on a personal link', () => {
  it('offers a multipart form with a file input stating the limits', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const html = await (await request(link.path)).text();
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toMatch(/<input id="attachments" name="attachments" type="file" multiple=""/);
    expect(html).toContain('每份意见最多 3 个文件，每个不超过 10 MB');
  });

  it('stores an uploaded file in R2, keeps the text saved with it and lists the file on the page', async () => {
    const { link, row } = await withOneFile();
    expect(row).toMatchObject({ filename: '商务委书面意见.pdf', contentType: 'application/pdf', size: PDF.length, removedAt: null });
    const object = await env.ATTACHMENTS.get(row.r2Key);
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(PDF);
    const html = await (await request(link.path)).text();
    expect(html).toContain('详见附件。');
    expect(html).toContain(`href="/f/${link.token}/attachments/${row.id}"`);
    expect(html).toContain('商务委书面意见.pdf');
  });

  it('lets the stakeholder download their own file', async () => {
    const { link, row } = await withOneFile();
    const res = await request(`${link.path}/attachments/${row.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
  });

  it('lists the attached file names in the confirmation email', async () => {
    const round = await aRound();
    const person = await aStakeholder();
    const link = await anInvitation(round, person);
    const res = await post(link.path, { action: 'submit', whole: '详见附件。' }, [aFile(PNG, '现场照片.png')]);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${link.path}?done=submitted`);
    const copies = await db().select().from(outbox).where(and(eq(outbox.kind, 'feedback_copy'), eq(outbox.stakeholderId, person.id)));
    expect(copies).toHaveLength(1);
    expect(copies[0]!.text).toContain('附件：现场照片.png');
    expect(copies[0]!.attachments ?? []).toEqual([]);
  });
});

describe('refusing files beyond the limits', () => {
  it('refuses a file over 10 MB, naming the limit, storing nothing and keeping what was typed', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const big = new Uint8Array(ATTACHMENT_MAX_BYTES + 1);
    big.set(PDF);
    const res = await post(link.path, { action: 'save', whole: '这段文字不能丢。' }, [aFile(big, '太大.pdf')]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('“太大.pdf”有 10.1 MB，文件超过 10 MB 的上限，未能上传。');
    expect(html).toContain('这段文字不能丢。');
    expect(await attachmentsOf(link.id)).toEqual([]);
    expect(await db().select().from(responses).where(eq(responses.invitationId, link.id))).toEqual([]);
  });

  it('refuses a type not on the list, naming the types it takes', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const exe = await post(link.path, { action: 'save' }, [aFile(new Uint8Array([0x4d, 0x5a, 0x90, 0]), 'setup.exe')]);
    expect(exe.status).toBe(400);
    expect(await exe.text()).toContain('“setup.exe”未能上传：只接受 pdf, doc, docx, xls, xlsx, txt, jpg, png 格式的文件。');
    expect(await attachmentsOf(link.id)).toEqual([]);
  });

  it('says the content is not a PDF when a renamed file claims to be one, not that .pdf is unsupported', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const exeAsPdf = await post(link.path, { action: 'save' }, [aFile(new Uint8Array([0x4d, 0x5a, 0x90, 0]), 'setup.pdf')]);
    expect(exeAsPdf.status).toBe(400);
    const html = await exeAsPdf.text();
    expect(html).toContain('“setup.pdf”的内容不是 PDF 文件');
    expect(html).not.toContain('不是支持的文件格式');
    const english = await request(link.path, { method: 'POST', body: formWith([aFile(PNG, 'scan.docx')]), headers: { origin: BASE_URL, cookie: 'lang=en' } });
    expect(await english.text()).toContain('The content of “scan.docx” is not a Word document');
    expect(await attachmentsOf(link.id)).toEqual([]);
  });

  it('refuses an empty file as empty', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const res = await post(link.path, { action: 'save' }, [aFile(new Uint8Array(0), '空白.pdf')]);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('“空白.pdf”是空文件（0 字节）');
  });

  it('refuses a fourth file', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const three = [1, 2, 3].map((n) => aFile(PDF, `第${n}份.pdf`));
    expect((await post(link.path, { action: 'save' }, three)).status).toBe(303);
    const res = await post(link.path, { action: 'save' }, [aFile(PDF, '第4份.pdf')]);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('每份意见最多上传 3 个附件，“第4份.pdf”未能上传');
    expect((await attachmentsOf(link.id)).map((a) => a.filename).sort()).toEqual(['第1份.pdf', '第2份.pdf', '第3份.pdf']);
  });
});

describe('removing a file', () => {
  it('hides it from the page, deletes the bytes and frees its place', async () => {
    const { link, row } = await withOneFile();
    const res = await post(`${link.path}/attachments/${row.id}/remove`, {});
    expect(res.status).toBe(303);
    const [after] = await attachmentsOf(link.id);
    expect(after!.removedAt).toBeInstanceOf(Date);
    expect(await env.ATTACHMENTS.get(row.r2Key)).toBeNull();
    const html = await (await request(`${link.path}?done=removed`)).text();
    expect(html).not.toContain('商务委书面意见.pdf');
    expect((await request(`${link.path}/attachments/${row.id}`)).status).toBe(404);
  });

  it('cannot remove another link’s file', async () => {
    const { round, row } = await withOneFile();
    const other = await anInvitation(round);
    expect((await post(`${other.path}/attachments/${row.id}/remove`, {})).status).toBe(404);
    expect((await db().select().from(feedbackAttachments).where(eq(feedbackAttachments.id, row.id)).get())!.removedAt).toBeNull();
  });
});

describe('a closed round', () => {
  it('refuses uploads and removals but still lists the files, read-only', async () => {
    const { round, link, row } = await withOneFile();
    await db().update(rounds).set({ status: 'closed', closedAt: testNow() }).where(eq(rounds.id, round.id));
    const upload = await post(link.path, { action: 'save' }, [aFile(PDF, '迟到的.pdf')]);
    expect(upload.status).toBe(409);
    expect((await post(`${link.path}/attachments/${row.id}/remove`, {})).status).toBe(409);
    expect((await attachmentsOf(link.id)).map((a) => [a.filename, a.removedAt])).toEqual([['商务委书面意见.pdf', null]]);
    const html = await (await request(link.path)).text();
    expect(html).toContain(`href="/f/${link.token}/attachments/${row.id}"`);
    expect(html).not.toContain('/remove"');
    expect(html).not.toContain('type="file"');
  });
});

describe('staff downloads', () => {
  it('lists the files on the response page and serves them to a viewer as a download', async () => {
    const { round, link, row } = await withOneFile();
    await post(link.path, { action: 'submit' });
    const { cookie } = await signedInAs('viewer');
    const page = await (await request(`/rounds/${round.id}/responses/${row.responseId}`, { headers: { cookie } })).text();
    expect(page).toContain(`href="/rounds/${round.id}/attachments/${row.id}"`);
    const res = await request(`/rounds/${round.id}/attachments/${row.id}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('商务委书面意见.pdf')}`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
  });

  it('serves a stored type off the allow-list as application/octet-stream', async () => {
    const { round, row } = await withOneFile();
    await db().update(feedbackAttachments).set({ contentType: 'text/html' }).where(eq(feedbackAttachments.id, row.id));
    const { cookie } = await signedInAs('viewer');
    const res = await request(`/rounds/${round.id}/attachments/${row.id}`, { headers: { cookie } });
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
  });

  it('sends anonymous visitors to sign in, and another link gets 404', async () => {
    const { round, row } = await withOneFile();
    const anonymous = await request(`/rounds/${round.id}/attachments/${row.id}`);
    expect(anonymous.status).toBe(303);
    const other = await anInvitation(round);
    expect((await request(`${other.path}/attachments/${row.id}`)).status).toBe(404);
    const otherRound = await aRound();
    const { cookie } = await signedInAs('viewer');
    expect((await request(`/rounds/${otherRound.id}/attachments/${row.id}`, { headers: { cookie } })).status).toBe(404);
  });
});
