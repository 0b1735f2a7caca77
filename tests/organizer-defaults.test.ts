import { describe, expect, it } from 'vitest';
import { usesLocalMailbox } from '../src/features/mail/service';
import { postForm, request, signedInAs, testDeps } from './helpers';
import { aMeeting, uniqueSeries } from './meetings/factories';

describe('the "check your email" page in development', () => {
  it('points to the local mailbox only where mail stays local (development without a Resend key)', async () => {
    expect(usesLocalMailbox({ environment: 'development', resendApiKey: undefined })).toBe(true);
    expect(usesLocalMailbox({ environment: 'development', resendApiKey: 're_key' })).toBe(false);
    expect(usesLocalMailbox({ environment: 'production', resendApiKey: undefined })).toBe(false);
    const page = await postForm('/auth/sign-in', { email: 'someone@example.gov.cn' }, { 'cf-connecting-ip': '203.0.113.77' });
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('href="/dev/mail"');
  });
});

describe('a new meeting', () => {
  it('defaults to the series of the latest meeting, so 第N+1期 follows without retyping it', async () => {
    const series = uniqueSeries();
    await aMeeting(testDeps(), { series });
    const { cookie } = await signedInAs('organizer');
    const html = await (await request('/meetings/new', { headers: { cookie } })).text();
    expect(html).toMatch(new RegExp(`name="series"[^>]*value="${series}"|value="${series}"[^>]*name="series"`));
  });
});
