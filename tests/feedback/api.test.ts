import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { opinions, responses } from '../../src/db/schema';
import { DAY_MS } from '../../src/lib/clock';
import { postJson, request, testDeps, testNow } from '../helpers';
import { aRound, anInvitation, invitationRow } from './factories';

const db = () => testDeps().db;

type FeedbackBody = {
  round: { id: string; title: string; status: string; closesAt: string; contact: { name: string; phone: string; address: string } };
  sections: { id: string; number: string; heading: string; depth: number; parentId: string | null }[];
  response: null | { status: string; stance: string | null; publication: string; overall: string; opinions: { sectionId: string; text: string }[]; submittedAt: string | null; revision: number };
};
type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

const put = (token: string, body: unknown) => postJson(`/api/v1/feedback/${token}`, body, {}, 'PUT');

describe('the feedback API', () => {
  it('gives the round, its sections with parents, and no response before anything is saved', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const res = await request(`/api/v1/feedback/${link.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json<FeedbackBody>();
    expect(body.round).toMatchObject({ id: round.id, status: 'open', contact: { name: '张老师', phone: '021-52380000', address: '长宁区某路 1 号' } });
    const child = body.sections.find((s) => s.number === '五（二）1')!;
    expect(body.sections.find((s) => s.id === child.parentId)!.number).toBe('五（二）');
    expect(body.response).toBeNull();
    expect((await invitationRow(link.id))!.status).toBe('opened');
  });

  it('saves, shows the work on the next GET, then submits it as opinions', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const a = round.section('五（三）2');
    const saved = await put(link.token, { stance: 'amend', overall: '整体可行。', opinions: [{ sectionId: a.id, text: '赋能要具体。' }], submit: false });
    expect(saved.status).toBe(200);
    const draft = await saved.json<FeedbackBody>();
    expect(draft.response).toMatchObject({ status: 'draft', stance: 'amend', overall: '整体可行。', opinions: [{ sectionId: a.id, text: '赋能要具体。' }], submittedAt: null });
    expect(await db().$count(opinions, eq(opinions.roundId, round.id))).toBe(0);

    const again = await (await request(`/api/v1/feedback/${link.token}`)).json<FeedbackBody>();
    expect(again.response!.opinions).toEqual([{ sectionId: a.id, text: '赋能要具体。', revision: 1, submitted: '', pending: '赋能要具体。' }]);

    const submitted = await (await put(link.token, { submit: true, publication: 'anonymous' })).json<FeedbackBody>();
    expect(submitted.response).toMatchObject({ status: 'submitted', publication: 'anonymous', stance: 'amend' });
    expect(submitted.response!.revision).toBeGreaterThan(draft.response!.revision);
    const given = await db().select().from(opinions).where(eq(opinions.roundId, round.id));
    expect(given.map((o) => o.text).sort()).toEqual(['整体可行。', '赋能要具体。'].sort());
  });

  it('refuses an unknown section with 422 naming it, and saves nothing', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const res = await put(link.token, { opinions: [{ sectionId: round.section('一').id, text: '好' }, { sectionId: 'no-such-section', text: '哪一节？' }] });
    expect(res.status).toBe(422);
    const body = await res.json<ErrorBody>();
    expect(body.error.code).toBe('unknown_section');
    expect(body.error.message).toContain('no-such-section');
    expect(body.error.fields).toEqual({ 'opinions.1.sectionId': expect.stringContaining('no-such-section') });
    expect(await db().$count(responses, eq(responses.invitationId, link.id))).toBe(0);
  });

  it('refuses a too-long opinion with 422 and the limit in the message', async () => {
    const round = await aRound();
    const link = await anInvitation(round);
    const res = await put(link.token, { overall: '长'.repeat(5001) });
    expect(res.status).toBe(422);
    const body = await res.json<ErrorBody>();
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.fields!.overall).toContain('5000');
  });

  it('refuses changes to a closed round with round_closed and changes nothing', async () => {
    const round = await aRound({ opensAt: new Date(testNow().getTime() - 30 * DAY_MS), closesAt: new Date(testNow().getTime() - DAY_MS) });
    const link = await anInvitation(round);
    const res = await put(link.token, { overall: '太晚了', submit: true });
    expect(res.status).toBe(409);
    expect((await res.json<ErrorBody>()).error.code).toBe('round_closed');
    expect(await db().$count(responses, eq(responses.invitationId, link.id))).toBe(0);
    const body = await (await request(`/api/v1/feedback/${link.token}`)).json<FeedbackBody>();
    expect(body.round.status).toBe('closed');
  });

  it('answers an unknown or revoked token with 404 in the API error shape', async () => {
    const round = await aRound();
    const revoked = await anInvitation(round, undefined, { revoked: true });
    for (const token of ['nope', revoked.token]) {
      const res = await put(token, { overall: 'x' });
      expect(res.status).toBe(404);
      expect((await res.json<ErrorBody>()).error.code).toBe('not_found');
    }
  });
});
