import { Webhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature, webhookSignature, WEBHOOK_TOLERANCE_SECONDS } from '../src/lib/webhook-signature';
import { testNow } from './helpers';

const KEY = btoa('roundtable-unit-test-webhook-key-32');
const SECRET = `whsec_${KEY}`;
const PAYLOAD = JSON.stringify({ type: 'email.delivered', data: { email_id: 're_1', subject: '征求意见：第二轮' } });

/** Headers as Resend sends them, signed by the real svix library at `at`. */
function svixSigned(payload: string, at: Date, options: { id?: string; secret?: string } = {}) {
  const id = options.id ?? 'msg_2Lh9KRb0pzN4LePd3XiRQVrPXHK';
  return { id, timestamp: String(Math.floor(at.getTime() / 1000)), signature: new Webhook(options.secret ?? SECRET).sign(id, at, payload) };
}

const secondsFrom = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

describe('webhook signatures (Svix scheme on Web Crypto)', () => {
  it('accepts what the svix library signs, with a whsec_ secret or the bare base64 key', async () => {
    const now = testNow();
    expect(await verifyWebhookSignature(SECRET, PAYLOAD, svixSigned(PAYLOAD, now), now)).toEqual({ ok: true });
    expect(await verifyWebhookSignature(KEY, PAYLOAD, svixSigned(PAYLOAD, now, { secret: KEY }), now)).toEqual({ ok: true });
  });

  it('computes the same v1 signature as svix, non-ASCII bodies included', async () => {
    const at = testNow();
    const seconds = Math.floor(at.getTime() / 1000);
    for (const payload of [PAYLOAD, '', '{"note":"回复：已收到 ✓"}']) {
      expect(await webhookSignature(SECRET, 'msg_1', seconds, payload)).toBe(new Webhook(SECRET).sign('msg_1', at, payload));
    }
  });

  it('passes when any one of several signatures matches (secret rotation) and skips other versions', async () => {
    const now = testNow();
    const signed = svixSigned(PAYLOAD, now);
    const good = signed.signature.slice('v1,'.length);
    const rotated = { ...signed, signature: `v1,${btoa('an old key signed this, not ours')} v2,${good} ${signed.signature}` };
    expect(await verifyWebhookSignature(SECRET, PAYLOAD, rotated, now)).toEqual({ ok: true });
    // The right bytes under another version label do not count.
    expect(await verifyWebhookSignature(SECRET, PAYLOAD, { ...signed, signature: `v2,${good}` }, now)).toEqual({ ok: false, reason: 'no_match' });
  });

  it('refuses another secret, a changed body, id or timestamp, and a truncated signature', async () => {
    const now = testNow();
    const signed = svixSigned(PAYLOAD, now);
    const refused = { ok: false, reason: 'no_match' };
    const otherSecret = `whsec_${btoa('some-other-secret-of-32-bytes!!')}`;
    expect(await verifyWebhookSignature(otherSecret, PAYLOAD, signed, now)).toEqual(refused);
    expect(await verifyWebhookSignature(SECRET, PAYLOAD.replace('delivered', 'bounced'), signed, now)).toEqual(refused);
    expect(await verifyWebhookSignature(SECRET, PAYLOAD, { ...signed, id: 'msg_other' }, now)).toEqual(refused);
    expect(await verifyWebhookSignature(SECRET, PAYLOAD, { ...signed, timestamp: String(Number(signed.timestamp) + 1) }, now)).toEqual(refused);
    expect(await verifyWebhookSignature(SECRET, PAYLOAD, { ...signed, signature: signed.signature.slice(0, -4) }, now)).toEqual(refused);
  });

  it('takes timestamps up to five minutes either side of the given now, and refuses beyond (a stale replay)', async () => {
    const now = testNow();
    const at = (seconds: number) => svixSigned(PAYLOAD, secondsFrom(now, seconds));
    expect(await verifyWebhookSignature(SECRET, PAYLOAD, at(-WEBHOOK_TOLERANCE_SECONDS), now)).toEqual({ ok: true });
    expect(await verifyWebhookSignature(SECRET, PAYLOAD, at(WEBHOOK_TOLERANCE_SECONDS), now)).toEqual({ ok: true });
    expect(await verifyWebhookSignature(SECRET, PAYLOAD, at(-WEBHOOK_TOLERANCE_SECONDS - 1), now)).toEqual({ ok: false, reason: 'too_old' });
    expect(await verifyWebhookSignature(SECRET, PAYLOAD, at(WEBHOOK_TOLERANCE_SECONDS + 1), now)).toEqual({ ok: false, reason: 'too_new' });
  });

  it('judges the timestamp by the clock it is given, not the machine clock', async () => {
    const appNow = secondsFrom(testNow(), -30 * 24 * 3600);
    const signedThen = svixSigned(PAYLOAD, appNow);
    expect(await verifyWebhookSignature(SECRET, PAYLOAD, signedThen, appNow)).toEqual({ ok: true });
    expect(await verifyWebhookSignature(SECRET, PAYLOAD, signedThen, testNow())).toEqual({ ok: false, reason: 'too_old' });
  });

  it('refuses missing headers, a timestamp that is not whole seconds, and a secret that is not base64', async () => {
    const now = testNow();
    const signed = svixSigned(PAYLOAD, now);
    for (const missing of ['id', 'timestamp', 'signature'] as const) {
      expect(await verifyWebhookSignature(SECRET, PAYLOAD, { ...signed, [missing]: undefined }, now)).toEqual({ ok: false, reason: 'missing_headers' });
    }
    for (const timestamp of [`${signed.timestamp}.5`, `-${signed.timestamp}`, `${signed.timestamp}abc`, '1e9']) {
      expect(await verifyWebhookSignature(SECRET, PAYLOAD, { ...signed, timestamp }, now)).toEqual({ ok: false, reason: 'bad_timestamp' });
    }
    for (const secret of ['whsec_not base64!', 'whsec_']) {
      expect(await verifyWebhookSignature(secret, PAYLOAD, signed, now)).toEqual({ ok: false, reason: 'bad_secret' });
    }
  });
});
