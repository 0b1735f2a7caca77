/**
 * `POST /dev/reference/<step>`: the reference data for benchmarks, built by the app's own services, one chunk per
 * request, driven by `npm run seed:reference`. Only in development and only with the secret the script started
 * `wrangler dev` with; anywhere else the route does not exist (404).
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../env';
import { apiError, readJsonObject } from '../../lib/http';
import { constantTimeEqual } from '../../lib/tokens';
import { validate } from '../../lib/validation';
import { isReferenceStep, REFERENCE_STEPS } from './steps';

export const REFERENCE_SECRET_HEADER = 'x-reference-seed-secret';

export const referenceSeedRoutes = new Hono<AppEnv>();

function allowed(c: Context<AppEnv>): boolean {
  const secret = c.env.REFERENCE_SEED_SECRET;
  const given = c.req.header(REFERENCE_SECRET_HEADER);
  return c.env.ENVIRONMENT === 'development' && Boolean(secret) && given !== undefined && constantTimeEqual(given, secret!);
}

referenceSeedRoutes.post('/dev/reference/:step', async (c) => {
  const name = c.req.param('step');
  if (!allowed(c) || !isReferenceStep(name)) return c.notFound();
  const body = await readJsonObject(c, { emptyIsObject: true });
  if (!body) return apiError(c, 400, 'invalid_json', 'error.invalid_json');
  const step = REFERENCE_STEPS[name];
  const input = validate(step.schema, body, c.get('locale'));
  if (!input.ok) return apiError(c, 422, 'invalid_input', 'error.invalid_input', input.fields);
  // Mail waits in the outbox for the deliver step, which sends it without the queue's pacing.
  const deps = { ...c.get('deps'), enqueueMail: async () => {} };
  return c.json(await (step.run as (d: typeof deps, i: unknown) => Promise<unknown>)(deps, input.value));
});
