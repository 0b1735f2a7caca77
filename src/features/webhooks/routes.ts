/** `POST /webhooks/resend`: Resend's delivery events, signed the Svix way; unsigned, forged, stale or replayed calls are refused. */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../../env';
import { apiError } from '../../lib/http';
import { verifyWebhookSignature } from '../../lib/webhook-signature';
import { recordResendEvent } from './service';

/** Resend's events are small JSON documents; anything much larger is not one. */
const MAX_BODY_BYTES = 256 * 1024;

const eventSchema = v.object({
  type: v.pipe(v.string(), v.maxLength(64)),
  data: v.optional(
    v.object({
      email_id: v.optional(v.string()),
      bounce: v.optional(v.object({ type: v.optional(v.string()), subType: v.optional(v.string()), message: v.optional(v.string()) })),
    }),
  ),
});

export const webhookRoutes = new Hono<AppEnv>();

webhookRoutes.post('/webhooks/resend', async (c) => {
  const secret = c.env.RESEND_WEBHOOK_SECRET;
  const payload = await c.req.text();
  if (!secret || payload.length > MAX_BODY_BYTES) return apiError(c, 401, 'invalid_signature', 'webhooks.error.signature');
  const svixId = c.req.header('svix-id') ?? '';
  // The HMAC, and svix-timestamp within five minutes of the app's clock: a stale replay fails here.
  const signature = await verifyWebhookSignature(
    secret,
    payload,
    { id: svixId, timestamp: c.req.header('svix-timestamp'), signature: c.req.header('svix-signature') },
    c.get('deps').clock(),
  );
  if (!signature.ok) {
    if (signature.reason === 'bad_secret') console.error('RESEND_WEBHOOK_SECRET is not a whsec_<base64> secret: every webhook is refused');
    return apiError(c, 401, 'invalid_signature', 'webhooks.error.signature');
  }
  // Parsed only once the signature matched: a JSON error means a signed but unreadable event.
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return apiError(c, 400, 'invalid_payload', 'webhooks.error.payload');
  }
  const parsed = v.safeParse(eventSchema, body);
  if (!parsed.success) return apiError(c, 400, 'invalid_payload', 'webhooks.error.payload');
  const event = parsed.output;
  const result = await recordResendEvent(c.get('deps'), svixId, event);
  if (!result.ok) return apiError(c, 400, 'replayed', 'webhooks.error.replayed');
  return c.json({ ok: true, outboxId: result.value.outboxId, status: result.value.status });
});
