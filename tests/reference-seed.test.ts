import { env } from 'cloudflare:test';
import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { apiTokens } from '../src/db/schema';
import { invitationTokens } from '../src/dev/reference/feedback';
import { REFERENCE_SECRET_HEADER } from '../src/dev/reference/routes';
import { daysFromNow, request, testDeps } from './helpers';

const SECRET = 'reference-secret-for-tests';

function seedStep(step: string, body: unknown, bindings: Record<string, unknown>, secret: string | null = SECRET) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret !== null) headers[REFERENCE_SECRET_HEADER] = secret;
  return createApp().request(`/dev/reference/${step}`, { method: 'POST', headers, body: JSON.stringify(body) }, { ...env, ...bindings });
}

const tokenCount = async () => (await testDeps().db.select({ n: count() }).from(apiTokens))[0]!.n;

describe('reference data route', () => {
  it('does not exist outside development, even with the right secret, and writes nothing', async () => {
    const before = await tokenCount();
    const production = { ENVIRONMENT: 'production', SESSION_SECRET: 'x'.repeat(32), REFERENCE_SEED_SECRET: SECRET };
    expect((await seedStep('staff', {}, production)).status).toBe(404);
    expect((await seedStep('staff', {}, { ENVIRONMENT: 'test', REFERENCE_SEED_SECRET: SECRET })).status).toBe(404);
    expect(await tokenCount()).toBe(before);
  });

  it('does not exist in development without the secret configured, or when the request lacks it or gets it wrong', async () => {
    const before = await tokenCount();
    expect((await seedStep('staff', {}, { ENVIRONMENT: 'development', REFERENCE_SEED_SECRET: '' })).status).toBe(404);
    expect((await seedStep('staff', {}, { ENVIRONMENT: 'development', REFERENCE_SEED_SECRET: SECRET }, null)).status).toBe(404);
    expect((await seedStep('staff', {}, { ENVIRONMENT: 'development', REFERENCE_SEED_SECRET: SECRET }, `${SECRET}x`)).status).toBe(404);
    expect(await tokenCount()).toBe(before);
  });

  it('runs a step through the services: the staff step gives an API token that signs in', async () => {
    const res = await seedStep('staff', {}, { ENVIRONMENT: 'development', REFERENCE_SEED_SECRET: SECRET });
    expect(res.status).toBe(200);
    const { apiToken, sessionCookie } = (await res.json()) as { apiToken: string; sessionCookie: string };
    expect(sessionCookie).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const me = await request('/api/v1/me', { headers: { authorization: `Bearer ${apiToken}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe('organizer@example.gov.cn');
  });

  it('refuses a step input that is not what it takes, naming the field, and imports nothing', async () => {
    const res = await seedStep('stakeholders', { csv: 42 }, { ENVIRONMENT: 'development', REFERENCE_SEED_SECRET: SECRET });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe('invalid_input');
    expect(Object.keys(body.error.fields)).toEqual(['csv']);
  });

  it('writes feedback that reads back through the link exactly as if it had been saved and submitted there', async () => {
    const dev = { ENVIRONMENT: 'development', REFERENCE_SEED_SECRET: SECRET };
    const call = async (step: string, body: unknown) => {
      const res = await seedStep(step, body, dev);
      expect(res.status).toBe(200);
      return res.json() as Promise<Record<string, any>>;
    };
    await call('staff', {});
    const csv = 'name,organization,title,category,email,phone,tags\r\n甲某,区科委,科长,department,jia@example.com,13800000001,参考\r\n乙某,某公司,经理,enterprise,yi@example.com,13800000002,参考';
    expect(await call('stakeholders', { csv })).toEqual({ created: 2, refused: 0 });
    const opensAt = daysFromNow(-2);
    const round = await call('round', {
      round: { title: '参考轮次', draft: '第一条　总则。\n第二条　细则。', opensAt: opensAt.toISOString(), closesAt: daysFromNow(30).toISOString(), audience: { categories: [], tags: ['参考'], stakeholderIds: [] } },
      createdAt: daysFromNow(-3).toISOString(),
      openAt: opensAt.toISOString(),
    });
    expect(round.invited).toBe(2);
    const [first, second] = round.sections as { id: string }[];
    const feedback = { stance: 'amend', overall: '总体同意。', opinions: [{ sectionId: first!.id, text: '建议细化。' }, { sectionId: second!.id, text: '建议删去。' }], submit: true };
    await call('responses', { roundId: round.id, items: [{ email: 'jia@example.com', at: daysFromNow(-1).toISOString(), feedback }, { email: 'yi@example.com', at: daysFromNow(-1).toISOString(), feedback: { opinions: [{ sectionId: first!.id, text: '草稿。' }] } }] });

    const tokens = await invitationTokens(testDeps(), round.id, ['jia@example.com', 'yi@example.com']);
    const submitted = (await (await request(`/api/v1/feedback/${tokens.get('jia@example.com')}`)).json()) as Record<string, any>;
    expect(submitted.pendingChanges).toBe(false);
    expect(submitted.response).toMatchObject({ status: 'submitted', stance: 'amend', submittedStance: 'amend', overall: '总体同意。', whole: { text: '总体同意。', revision: 1, submitted: '总体同意。', pending: null } });
    expect(submitted.response.opinions).toEqual([
      { sectionId: first!.id, text: '建议细化。', revision: 1, submitted: '建议细化。', pending: null },
      { sectionId: second!.id, text: '建议删去。', revision: 1, submitted: '建议删去。', pending: null },
    ]);
    const draft = (await (await request(`/api/v1/feedback/${tokens.get('yi@example.com')}`)).json()) as Record<string, any>;
    expect(draft.pendingChanges).toBe(true);
    expect(draft.response).toMatchObject({ status: 'draft', submittedAt: null, opinions: [{ sectionId: first!.id, text: '草稿。', revision: 1, submitted: '', pending: '草稿。' }] });
    expect((await call('tally', { roundId: round.id })).opinions).toBe(3);
  });
});
