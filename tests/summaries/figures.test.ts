import { describe, expect, it } from 'vitest';
import { loadSummary } from '../../src/features/summaries/service';
import { bearerFor, request, signedInAs, testDeps } from '../helpers';
import { aHandCountedRound } from './factories';

describe('summary figures', () => {
  it('match a hand-counted round: who was asked, who answered, by which channel, dispositions by section', async () => {
    const { id, sections } = await aHandCountedRound();
    const summary = (await loadSummary(testDeps(), id))!;
    expect(summary).toMatchObject({ invited: 6, responded: 3, declined: 1, responseRate: 0.5, writtenResponses: 4 });
    expect(summary.byCategory).toEqual({
      proposer: { invited: 2, responded: 1, declined: 0 },
      street: { invited: 2, responded: 1, declined: 1 },
      enterprise: { invited: 1, responded: 1, declined: 0 },
      department: { invited: 1, responded: 0, declined: 0 },
    });
    expect(summary.byChannel).toEqual({ link: 4, open_link: 1, phone: 1, in_person: 1 });
    expect(summary.dispositions).toEqual({ pending: 2, adopted: 2, partly_adopted: 1, not_adopted: 1, noted: 1 });
    const bySection = Object.fromEntries(summary.sections.map((s) => [s.id ?? 'whole', { n: s.opinions, d: s.dispositions }]));
    expect(bySection).toEqual({
      whole: { n: 2, d: { pending: 1, adopted: 0, partly_adopted: 0, not_adopted: 0, noted: 1 } },
      [sections.general]: { n: 2, d: { pending: 0, adopted: 2, partly_adopted: 0, not_adopted: 0, noted: 0 } },
      [sections.tasks]: { n: 2, d: { pending: 0, adopted: 0, partly_adopted: 1, not_adopted: 1, noted: 0 } },
      [sections.actions]: { n: 1, d: { pending: 1, adopted: 0, partly_adopted: 0, not_adopted: 0, noted: 0 } },
    });
    // Draft order, the whole draft first; 序号 runs from 1.
    expect(summary.opinions.map((o) => [o.seq, o.sectionNumber])).toEqual([
      [1, null],
      [2, null],
      [3, '一'],
      [4, '一'],
      [5, '二'],
      [6, '二'],
      [7, '二（一）'],
    ]);
  });
});

describe('the summary page', () => {
  it('shows the counts, both charts with titles, the contact block, the short-period reason and the 意见采纳情况表', async () => {
    const { id } = await aHandCountedRound();
    const { cookie } = await signedInAs('viewer');
    const res = await request(`/rounds/${id}/summary`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const text of ['意见采纳情况汇总', '各类别反馈率', '各章节意见的采纳情况', '谢佼', '52388354', '安西路35号501', '配合区政协会议时间', '50.0%']) {
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
    expect(body).toMatchObject({ invited: 6, responded: 3, declined: 1, responseRate: 0.5, opinionsTotal: 7, nextOffset: 5 });
    expect(body.dispositions).toEqual({ pending: 2, adopted: 2, partly_adopted: 1, not_adopted: 1, noted: 1 });
    expect(body.byCategory.street).toEqual({ invited: 2, responded: 1, declined: 1 });
    expect(body.sections).toHaveLength(4);
    expect(body.opinions.map((o: { seq: number }) => o.seq)).toEqual([3, 4, 5]);
  });

  it('answers 404 as JSON for an unknown round and 401 without credentials', async () => {
    const { authorization } = await bearerFor('viewer');
    const missing = await request('/api/v1/rounds/01JUNKNOWN0000000000000000/summary', { headers: { authorization } });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as any).error.code).toBe('not_found');
    expect((await request('/api/v1/rounds/01JUNKNOWN0000000000000000/summary')).status).toBe(401);
  });
});
