import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { RSVP_LINK_LIMIT } from '../src/lib/public-form-limit';
import { postForm, postJson, testDeps } from './helpers';
import { aMeetingWithInvitees } from './meetings/factories';

describe('rate limits on capability links', () => {
  it('an RSVP link takes a stated number of answers, then refuses with the limit and changes nothing', async () => {
    const { tokens } = await aMeetingWithInvitees(testDeps(), 2);
    const [mine, colleague] = tokens as [string, string];
    for (let i = 0; i < RSVP_LINK_LIMIT.limit; i++) {
      const res = await postJson(`/api/v1/rsvp/${mine}`, { answer: i % 2 ? 'attend' : 'maybe' }, {}, 'PUT');
      expect(res.status).toBe(200);
    }
    const refused = await postJson(`/api/v1/rsvp/${mine}`, { answer: 'decline' }, {}, 'PUT');
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toContain(String(RSVP_LINK_LIMIT.limit));
    expect(refused.headers.get('retry-after')).toBe(String(RSVP_LINK_LIMIT.windowMinutes * 60));

    const page = await postForm(`/m/${mine}`, { answer: 'decline' });
    expect(page.status).toBe(429);
    expect(await page.text()).toContain(`最多提交 ${RSVP_LINK_LIMIT.limit} 次`);
    const answer = await env.DB.prepare('SELECT rsvp FROM meeting_attendees ORDER BY updated_at DESC LIMIT 1').first<{ rsvp: string }>();
    expect(answer?.rsvp).not.toBe('decline');

    // Counted per link, not per address: a colleague behind the same office IP is not held back.
    expect((await postJson(`/api/v1/rsvp/${colleague}`, { answer: 'attend' }, {}, 'PUT')).status).toBe(200);
  });

  it('counts only a hash of the link, never the token itself', async () => {
    const { tokens } = await aMeetingWithInvitees(testDeps(), 1);
    await postJson(`/api/v1/rsvp/${tokens[0]}`, { answer: 'attend' }, {}, 'PUT');
    const keys = await env.DB.prepare("SELECT key FROM rate_limit_hits WHERE key LIKE 'rsvp:%'").all<{ key: string }>();
    expect(keys.results.length).toBeGreaterThan(0);
    expect(keys.results.every((k) => !k.key.includes(tokens[0]!))).toBe(true);
  });
});
