/** Every HTML page renders in standards mode; personal answers are never cached and capability links never indexed. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { unsubscribeToken } from '../src/features/unsubscribe/tokens';
import { aRound, anInvitation } from './feedback/factories';
import { aMeetingWithInvitees } from './meetings/factories';
import { bearerFor, daysFromNow, request, signedInAs, testDeps } from './helpers';

const doctypeRe = /^<!doctype html>/i;

async function anRsvpPath() {
  const { tokens } = await aMeetingWithInvitees(testDeps(), 1, { startsAt: daysFromNow(7, '07:30') });
  return `/m/${tokens[0]}`;
}

async function anUnsubscribePath() {
  return `/u/${await unsubscribeToken(testDeps().config.signingSecret, { email: 'li@example.com', kind: 'rounds' })}`;
}

async function aFeedbackPath() {
  return (await anInvitation(await aRound())).path;
}

/** A request to the development mailbox, which answers only in development without a Resend key. */
function devRequest(path: string) {
  return createApp().request(path, {}, { ...env, ENVIRONMENT: 'development' });
}

describe('standards mode', () => {
  it('every kind of page starts with the doctype, so no browser (WeChat’s WebView least of all) falls into quirks mode', async () => {
    const { cookie } = await signedInAs('organizer');
    const viewer = await signedInAs('viewer');
    const pages: [string, Response][] = [
      ['sign-in', await request('/auth/sign-in')],
      ['staff page', await request('/stakeholders', { headers: { cookie } })],
      ['feedback link', await request(await aFeedbackPath())],
      ['RSVP link', await request(await anRsvpPath())],
      ['unsubscribe link', await request(await anUnsubscribePath())],
      ['error page', await request('/no-such-page')],
      ['forbidden page', await request('/stakeholders/new', { headers: { cookie: viewer.cookie } })],
      ['dev mailbox', await devRequest('/dev/mail')],
    ];
    for (const [label, res] of pages) {
      expect(res.status, label).toBeLessThan(500);
      expect(res.headers.get('content-type'), label).toMatch(/^text\/html/);
      expect(await res.text(), label).toMatch(doctypeRe);
    }
  });
});

describe('caching and indexing of personal answers', () => {
  it('staff pages are not kept in the browser’s cache for the next user of a shared computer', async () => {
    const { cookie } = await signedInAs('viewer');
    for (const path of ['/', '/stakeholders', '/rounds', '/meetings', '/mail']) {
      const res = await request(path, { headers: { cookie } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('API answers are not stored, whether they succeed or fail', async () => {
    const { authorization } = await bearerFor('viewer');
    const ok = await request('/api/v1/stakeholders', { headers: { authorization } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const unauthorized = await request('/api/v1/stakeholders');
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('cache-control')).toBe('no-store');
  });

  it('capability-link pages (/f/, /m/, /u/) are neither stored nor indexed, by header and by meta tag', async () => {
    for (const path of [await aFeedbackPath(), await anRsvpPath(), await anUnsubscribePath(), '/u/not-a-token']) {
      const res = await request(path);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
      expect(res.headers.get('x-robots-tag'), path).toBe('noindex');
      expect(await res.text(), path).toContain('<meta name="robots" content="noindex, nofollow"/>');
    }
  });

  it('the public sign-in page stays indexable and cacheable: only personal answers are marked', async () => {
    const res = await request('/auth/sign-in');
    expect(res.headers.get('cache-control')).toBeNull();
    expect(res.headers.get('x-robots-tag')).toBeNull();
    expect(await res.text()).not.toContain('name="robots"');
  });
});
