import { env } from 'cloudflare:test';
import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { apiTokens } from '../src/db/schema';
import { REFERENCE_SECRET_HEADER } from '../src/dev/reference/routes';
import { request, testDeps } from './helpers';

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
});
