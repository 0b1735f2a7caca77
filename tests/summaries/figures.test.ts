import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { invitations, rounds } from '../../src/db/schema';
import { figuresOf } from '../../src/features/summaries/figures-cache';
import { loadSummary } from '../../src/features/summaries/service';
import { bearerFor, daysFromNow, request, signedInAs, testDeps } from '../helpers';
import { aHandCountedRound, anOpinion, unzip } from './factories';

/** The figures of the hand-counted round: who was asked, who was heard by which channel, each person once. */
const HAND_COUNTED = { invited: 6, opened: 5, heard: 6, heardInvited: 5, declined: 1, responseRate: 0.8333 };

describe('summary figures', () => {
  it('count each stakeholder heard by any channel once, with the rate over the invited audience and a breakdown by channel', async () => {
    const { id, sections } = await aHandCountedRound();
    const summary = (await loadSummary(testDeps(), id))!;
    const f = summary.figures;
    expect(f).toMatchObject(HAND_COUNTED);
    // 薛斌 (phone) and 赵敏 (in person) never answered online but were heard; the open-link answer is heard, not invited.
    expect(f.heardByChannel).toEqual({ online: 4, phone: 1, in_person: 1, letter: 0, meeting: 0 });
    expect(f.byCategory).toEqual({
      proposer: { invited: 2, opened: 1, heard: 2, declined: 0 },
      street: { invited: 2, opened: 2, heard: 1, declined: 1 },
      enterprise: { invited: 1, opened: 1, heard: 1, declined: 0 },
      department: { invited: 1, opened: 1, heard: 1, declined: 0 },
    });
    expect(f.opinions).toEqual({ total: 7, online: 5, offline: 2, byChannel: { link: 4, open_link: 1, phone: 1, in_person: 1 } });
    expect(f.dispositions).toEqual({ pending: 2, adopted: 2, partly_adopted: 1, not_adopted: 1, noted: 1 });
    const bySection = Object.fromEntries(summary.sections.map((s) => [s.id ?? 'whole', { n: s.opinions, d: s.dispositions }]));
    expect(bySection).toEqual({
      whole: { n: 2, d: { pending: 1, adopted: 0, partly_adopted: 0, not_adopted: 0, noted: 1 } },
      [sections.general]: { n: 2, d: { pending: 0, adopted: 2, partly_adopted: 0, not_adopted: 0, noted: 0 } },
      [sections.tasks]: { n: 2, d: { pending: 0, adopted: 0, partly_adopted: 1, not_adopted: 1, noted: 0 } },
      [sections.actions]: { n: 1, d: { pending: 1, adopted: 0, partly_adopted: 0, not_adopted: 0, noted: 0 } },
    });
    // Draft order, the whole draft first; 序号 is each opinion's own number, given in the order they arrived.
    expect(summary.opinions.map((o) => [o.seq, o.sectionNumber])).toEqual([
      [2, null],
      [7, null],
      [1, '一'],
      [6, '一'],
      [3, '二'],
      [4, '二'],
      [5, '二（一）'],
    ]);
  });

  it('count a stakeholder heard by phone and at a meeting once in total and once under each channel; a declined invitee heard later is heard', async () => {
    const { deps, id, people } = await aHandCountedRound();
    await anOpinion(deps, id, { text: '会上再次提出', stakeholderId: people.xueBin.stakeholderId, channel: 'meeting' });
    await anOpinion(deps, id, { text: '来函', stakeholderId: people.xueBin.stakeholderId, channel: 'letter' });
    const [liMing] = await deps.db.select().from(invitations).where(and(eq(invitations.roundId, id), eq(invitations.status, 'declined')));
    await anOpinion(deps, id, { text: '电子邮件反馈表', stakeholderId: liMing!.stakeholderId, channel: 'email' });
    // Two people logged by name only at one meeting, and one nameless remark: three voices.
    await anOpinion(deps, id, { text: '甲', channel: 'meeting', authorName: '周先生', authorOrganization: '某科技公司' });
    await anOpinion(deps, id, { text: '乙', channel: 'meeting', authorName: '周先生', authorOrganization: '某科技公司' });
    await anOpinion(deps, id, { text: '丙', channel: 'meeting' });
    const f = await figuresOf(deps, id);
    expect(f).toMatchObject({ invited: 6, heardInvited: 6, declined: 0, responseRate: 1, heard: 9 });
    expect(f.heardByChannel).toEqual({ online: 4, phone: 1, in_person: 1, letter: 2, meeting: 3 });
  });
});

/** Label → value rows of the XLSX 统计 sheet, numbers as written. */
function xlsxFigures(files: Record<string, string>): Map<string, string> {
  const strings = [...files['xl/sharedStrings.xml']!.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]!);
  const rows = [...files['xl/worksheets/sheet3.xml']!.matchAll(/<row [^>]*>(.*?)<\/row>/g)].map((m) => [...m[1]!.matchAll(/<c [^>]*?(t="s")?[^>]*><v>([^<]*)<\/v><\/c>/g)]);
  return new Map(rows.map((cells) => [strings[Number(cells[0]![2])]!, cells[1]![2]!]));
}

describe('the same figures everywhere', () => {
  it('the summary page, the JSON, the XLSX 统计 sheet and the DOCX agree on every figure', async () => {
    const { id } = await aHandCountedRound();
    const { cookie } = await signedInAs('viewer');
    const get = (path: string) => request(path, { headers: { cookie } });
    const html = await (await get(`/rounds/${id}/summary`)).text();
    const json = (await (await get(`/api/v1/rounds/${id}/summary`)).json()) as Record<string, any>;
    const xlsx = xlsxFigures(unzip(await (await get(`/rounds/${id}/summary.xlsx`)).arrayBuffer()));
    const docx = unzip(await (await get(`/rounds/${id}/summary.docx`)).arrayBuffer())['word/document.xml']!.replace(/(<[^>]+>)+/g, '|');

    const expected: [string, string, number][] = [
      ['邀请征求对象', '6', 6],
      ['已反馈的征求对象（任一渠道，每人计一次）', '5', 5],
      ['反馈率（已反馈÷邀请）', '83.3%', 0.8333],
      ['表示不提意见', '1', 1],
      ['听取意见人数（含未受邀者）', '6', 6],
      ['其中在线', '4', 4],
      ['其中电话', '1', 1],
      ['其中当面', '1', 1],
      ['其中书面来函', '0', 0],
      ['其中会议', '0', 0],
      ['意见总数', '7', 7],
    ];
    for (const [label, shown, value] of expected) {
      expect(html).toContain(`<dt>${label}</dt><dd>${shown}</dd>`);
      expect(docx).toContain(`|${label}|${shown}|`);
      expect(Number(xlsx.get(label))).toBe(value);
    }
    expect(json).toMatchObject({ ...HAND_COUNTED, heardByChannel: { online: 4, phone: 1, in_person: 1, letter: 0, meeting: 0 }, opinionCounts: { total: 7 } });
    expect(docx.replaceAll('|', '')).toContain('共邀请征求对象6个，已反馈5个，反馈率83.3%；共听取6个单位或个人的意见（在线4个，电话1个，当面1个，书面来函0个，会议0个；同一人可经多个渠道），收到意见7条。');
  });
});

describe('a round closed early', () => {
  it('shows when it closed, beside the planned end, on the summary page, the round page and in the JSON', async () => {
    const closedAt = daysFromNow(-1, '16:30');
    const { deps, id } = await aHandCountedRound({ opensAt: daysFromNow(-10), closesAt: daysFromNow(20), closedAt });
    await deps.db.update(rounds).set({ closedAt }).where(eq(rounds.id, id));
    const { cookie } = await signedInAs('viewer');
    for (const path of [`/rounds/${id}/summary`, `/rounds/${id}`]) {
      expect(await (await request(path, { headers: { cookie } })).text()).toMatch(/至 [\d/]+ 16:30（提前结束，原定 /);
    }
    const json = (await (await request(`/api/v1/rounds/${id}/summary`, { headers: { cookie } })).json()) as Record<string, any>;
    expect(json.round.closedAt).toBe(closedAt.toISOString());
  });
});

describe('the summary page', () => {
  it('shows the counts, both charts with titles, the contact block, the short-period reason and the 意见采纳情况表', async () => {
    const { id } = await aHandCountedRound();
    const { cookie } = await signedInAs('viewer');
    const res = await request(`/rounds/${id}/summary`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const text of ['意见采纳情况汇总', '各类别反馈率', '各章节意见的采纳情况', '谢佼', '52388354', '安西路35号501', '配合区政协会议时间', '83.3%']) {
      expect(html).toContain(text);
    }
    for (const header of ['序号', '章节/条款', '意见内容', '提出单位/人', '渠道', '采纳情况', '理由/说明']) expect(html).toContain(`<th scope="col">${header}</th>`);
    expect(html).toContain('不属于本方案范围，已转交相关部门');
    expect(html).toContain('<title id="rate-chart-title">');
    // A viewer may read and download, not send.
    expect(html).toContain(`/rounds/${id}/summary.xlsx`);
    expect(html).not.toContain(`/rounds/${id}/summary/send`);
  });

  it('answers 404 for an unknown round', async () => {
    const { cookie } = await signedInAs('viewer');
    expect((await request('/rounds/01JUNKNOWN0000000000000000/summary', { headers: { cookie } })).status).toBe(404);
  });
});

describe('the summary API', () => {
  it('returns the same figures as JSON, with opinions paged by offset and limit', async () => {
    const { id } = await aHandCountedRound();
    const { authorization } = await bearerFor('viewer');
    const res = await request(`/api/v1/rounds/${id}/summary?offset=2&limit=3`, { headers: { authorization } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, any>;
    expect(body.round).toMatchObject({ id, title: '上海硅巷三年行动方案', status: 'closed', opensAt: '2026-03-17T01:00:00.000Z' });
    expect(body).toMatchObject({ ...HAND_COUNTED, opinionsTotal: 7, nextOffset: 5 });
    expect(body.dispositions).toEqual({ pending: 2, adopted: 2, partly_adopted: 1, not_adopted: 1, noted: 1 });
    expect(body.byCategory.street).toEqual({ invited: 2, opened: 2, heard: 1, declined: 1 });
    expect(body.sections).toHaveLength(4);
    expect(body.opinions.map((o: { seq: number }) => o.seq)).toEqual([1, 6, 3]);
  });

  it('answers 404 as JSON for an unknown round and 401 without credentials', async () => {
    const { authorization } = await bearerFor('viewer');
    const missing = await request('/api/v1/rounds/01JUNKNOWN0000000000000000/summary', { headers: { authorization } });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as any).error.code).toBe('not_found');
    expect((await request('/api/v1/rounds/01JUNKNOWN0000000000000000/summary')).status).toBe(401);
  });
});
