/** The JSON API refuses what the forms refuse, in the request's language, and changes nothing. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { meetings, opinions, responses, rounds } from '../src/db/schema';
import { demoFileText } from '../src/dev/demo-data';
import { parseDateTime, parseIsoInstant, parseShanghaiLocal } from '../src/lib/time';
import { aRound, anInvitation } from './feedback/factories';
import { bearerFor, daysFromNow, postJson, request, shanghaiIso, shanghaiLocal, signedInAs, testDeps, testNow } from './helpers';
import { anOpenRound, uniqueTag } from './rounds/factories';
import { uniqueSeries } from './meetings/factories';

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

const english = { 'accept-language': 'en' };
const cjkRe = /[\u3400-\u9fff]/;

/** Dates that do not exist, written in next year so that none of them is ever compared with now. */
function impossibleDates() {
  const year = testNow().getUTCFullYear() + 1;
  return {
    february30: `${year}-02-30T09:00:00+08:00`,
    hour24: `${year}-03-02T24:00:00+08:00`,
    minute60: `${year}-03-02T09:60:00+08:00`,
    year0000: '0000-03-02T09:00:00+08:00',
    offset25: `${year}-03-02T09:00:00+25:00`,
  };
}

async function errorOf(res: Response): Promise<ErrorBody['error']> {
  return ((await res.json()) as ErrorBody).error;
}

describe('date-times that do not exist', () => {
  it('are refused by the one parser the forms and the API share, which still reads real ones exactly', () => {
    for (const value of Object.values(impossibleDates())) expect(parseIsoInstant(value), value).toBeNull();
    expect(parseShanghaiLocal('2027-02-30T09:00')).toBeNull();
    expect(parseShanghaiLocal('2027-03-02T24:00')).toBeNull();
    expect(parseShanghaiLocal('0000-03-02T09:00')).toBeNull();
    expect(parseIsoInstant('2028-02-29T07:30:00.5+08:00')?.toISOString()).toBe('2028-02-28T23:30:00.500Z');
    expect(parseIsoInstant('2027-03-02T07:30-05:30')?.toISOString()).toBe('2027-03-02T13:00:00.000Z');
    expect(parseIsoInstant('2027-03-02T07:30:00Z')?.toISOString()).toBe('2027-03-02T07:30:00.000Z');
    expect(parseDateTime('2027-03-02', ['date'])?.toISOString()).toBe('2027-03-02T04:00:00.000Z');
    expect(parseDateTime('2027-03-02T07:30', ['offset'])).toBeNull();
  });

  it('POST /api/v1/rounds refuses 30 February, 24:00, minute 60, year 0000 and a +25:00 offset, storing nothing', async () => {
    const { authorization } = await bearerFor('organizer');
    const title = `bad-date-${uniqueTag()}`;
    for (const [label, opensAt] of Object.entries(impossibleDates())) {
      const res = await postJson('/api/v1/rounds', { title, draft: demoFileText('draftActionPlan'), opensAt, closesAt: shanghaiIso(daysFromNow(400)) }, { authorization, ...english });
      expect(res.status, label).toBe(422);
      expect((await errorOf(res)).fields?.opensAt, label).toMatch(/ISO 8601/);
    }
    expect(await testDeps().db.select().from(rounds).where(eq(rounds.title, title))).toHaveLength(0);
  });

  it('meetings refuse impossible start and poll times on create and on change', async () => {
    const { authorization } = await bearerFor('organizer');
    const { february30, hour24 } = impossibleDates();
    const series = uniqueSeries();
    const base = { series, title: '早餐会', durationMinutes: 90, venue: '区科协会议室', capacity: 10 };
    const fixed = await postJson('/api/v1/meetings', { ...base, startsAt: february30 }, { authorization });
    expect(fixed.status).toBe(422);
    expect((await errorOf(fixed)).fields?.startsAt).toBeTruthy();
    const poll = await postJson('/api/v1/meetings', { ...base, startsAt: null, pollTimes: [shanghaiIso(daysFromNow(10, '07:30')), hour24.slice(0, 16)] }, { authorization });
    expect(poll.status).toBe(422);
    expect(Object.keys((await errorOf(poll)).fields ?? {})[0]).toMatch(/^pollTimes/);
    expect(await testDeps().db.select().from(meetings).where(eq(meetings.series, series))).toHaveLength(0);

    const created = await postJson('/api/v1/meetings', { ...base, startsAt: shanghaiIso(daysFromNow(10, '07:30')) }, { authorization });
    expect(created.status).toBe(201);
    const { id, startsAt } = (await created.json()) as { id: string; startsAt: string };
    const patched = await postJson(`/api/v1/meetings/${id}`, { startsAt: hour24 }, { authorization }, 'PATCH');
    expect(patched.status).toBe(422);
    expect((await errorOf(patched)).fields?.startsAt).toBeTruthy();
    const row = await testDeps().db.select().from(meetings).where(eq(meetings.id, id)).get();
    expect(row?.startsAt?.toISOString()).toBe(startsAt);
  });

  it('an offline opinion heard on year 0000 or 30 February is refused; a real date is kept', async () => {
    const { authorization } = await bearerFor('organizer');
    const roundId = await anOpenRound(testDeps());
    const log = (heardAt: string) => postJson(`/api/v1/rounds/${roundId}/opinions`, { channel: 'phone', heardAt, name: '王建国', text: '建议增加人才公寓。' }, { authorization });
    const year = testNow().getUTCFullYear();
    for (const heardAt of ['0000-01-01', `${year}-02-30`, `${year}-02-30T10:00`]) {
      const res = await log(heardAt);
      expect(res.status, heardAt).toBe(422);
      expect((await errorOf(res)).fields?.heardAt, heardAt).toBeTruthy();
    }
    expect(await testDeps().db.select().from(opinions).where(eq(opinions.roundId, roundId))).toHaveLength(0);
    expect((await log(shanghaiLocal(daysFromNow(-1)))).status).toBe(201);
  });
});

describe('field messages for wrong types and missing keys', () => {
  it('are in the request’s language, naming the expected type, never valibot’s English', async () => {
    const { authorization } = await bearerFor('organizer');
    const body = { name: 3, tags: 'a', consent: 'yes' };
    const en = await errorOf(await postJson('/api/v1/stakeholders', body, { authorization, ...english }));
    expect(en.fields).toEqual({ name: 'This value must be text.', category: 'This field is required.', consent: 'This value must be true or false.' });
    const zh = await errorOf(await postJson('/api/v1/stakeholders', body, { authorization, 'accept-language': 'zh-CN' }));
    expect(zh.fields).toEqual({ name: '此项应为文本。', category: '此项为必填项。', consent: '此项应为是或否（true 或 false）。' });
  });

  it('a nested list of the wrong shape names the list in English without Chinese', async () => {
    const { authorization } = await bearerFor('organizer');
    const res = await postJson('/api/v1/rounds', { title: '方案', draft: '# 一、总则', opensAt: shanghaiIso(daysFromNow(1)), closesAt: shanghaiIso(daysFromNow(40)), audience: { tags: 'a,b' } }, { authorization, ...english });
    expect(res.status).toBe(422);
    const fields = (await errorOf(res)).fields ?? {};
    expect(fields['audience.tags']).toBe('This value must be a list.');
    for (const text of Object.values(fields)) expect(text).not.toMatch(cjkRe);
  });
});

describe('limits on counts of items', () => {
  it('say how many items (项), not characters', async () => {
    const { authorization } = await bearerFor('organizer');
    const tags = Array.from({ length: 51 }, (_, i) => `tag-${i}`);
    const body = { title: '方案', draft: '# 一、总则', opensAt: shanghaiIso(daysFromNow(1)), closesAt: shanghaiIso(daysFromNow(40)), audience: { tags } };
    const zh = await errorOf(await postJson('/api/v1/rounds', body, { authorization, 'accept-language': 'zh-CN' }));
    expect(zh.fields?.['audience.tags']).toBe('最多 50 项。');
    const en = await errorOf(await postJson('/api/v1/rounds', body, { authorization, ...english }));
    expect(en.fields?.['audience.tags']).toBe('At most 50 items.');
  });
});

describe('list filters the API cannot use', () => {
  it('GET /api/v1/stakeholders answers 400 invalid_input naming the filter, as /api/v1/mail does', async () => {
    const { authorization } = await bearerFor('viewer');
    const cases: [string, string][] = [
      ['archived=maybe', 'archived'],
      ['category=martian', 'category'],
      ['cursor=not-a-cursor', 'cursor'],
      [`q=${'长'.repeat(101)}`, 'q'],
    ];
    for (const [query, field] of cases) {
      const res = await request(`/api/v1/stakeholders?${encodeURI(query)}`, { headers: { authorization, ...english } });
      expect(res.status, query).toBe(400);
      const error = await errorOf(res);
      expect(error.code, query).toBe('invalid_input');
      expect(Object.keys(error.fields ?? {}), query).toEqual([field]);
    }
    const tooLong = await errorOf(await request(`/api/v1/stakeholders?q=${'x'.repeat(101)}`, { headers: { authorization, ...english } }));
    expect(tooLong.fields?.q).toBe('At most 100 characters.');
    for (const query of ['archived=1', 'archived=true', 'category=street&q=%E8%A1%97', 'category=&q=']) {
      expect((await request(`/api/v1/stakeholders?${query}`, { headers: { authorization } })).status, query).toBe(200);
    }
  });

  it('the staff list page stays forgiving: a hand-edited bad filter is dropped, the page still shows', async () => {
    const { cookie } = await signedInAs('viewer');
    const res = await request('/stakeholders?archived=maybe&category=martian&cursor=x', { headers: { cookie } });
    expect(res.status).toBe(200);
  });

  it('GET …/summary answers 400 for limit=abc, a fraction or a negative offset, and still pages with good values', async () => {
    const { authorization } = await bearerFor('viewer');
    const { id } = await aRound();
    for (const query of ['limit=abc', 'limit=1.5', 'limit=5001', 'offset=-1']) {
      const res = await request(`/api/v1/rounds/${id}/summary?${query}`, { headers: { authorization, ...english } });
      expect(res.status, query).toBe(400);
      const error = await errorOf(res);
      expect(error.code, query).toBe('invalid_input');
      expect(Object.values(error.fields ?? {})[0], query).toMatch(/^Enter a whole number from 0 to \d+\.$/);
    }
    expect((await request(`/api/v1/rounds/${id}/summary?offset=0&limit=10`, { headers: { authorization } })).status).toBe(200);
  });
});

describe('PUT /api/v1/feedback/<token>', () => {
  it('answers 400 to a JSON array (or a bare number) and saves nothing', async () => {
    const invitation = await anInvitation(await aRound());
    for (const body of [[{ sectionId: 'whole', text: '同意' }], [], 42, null]) {
      const res = await postJson(`/api/v1/feedback/${invitation.path.slice(3)}`, body, {}, 'PUT');
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(res)).code).toBe('invalid_json');
    }
    expect(await testDeps().db.select().from(responses).where(eq(responses.invitationId, invitation.id))).toHaveLength(0);
  });
});
