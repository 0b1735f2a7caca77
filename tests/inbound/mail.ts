/** Inbound mail for tests: a fixture filled in with addresses, handed to the Worker's email handler as Email Routing would. */
import { env } from 'cloudflare:test';
import worker from '../../src/index';
import { invitationReplyAddress } from '../../src/features/inbound/reply-address';
import { invitationRow } from '../feedback/factories';
import { testDeps } from '../helpers';

export { fillFixture } from '../fixtures/mail/fill.mjs';

export async function replyAddressOf(invitationId: string): Promise<string> {
  const row = (await invitationRow(invitationId))!;
  return (await invitationReplyAddress(testDeps(), row))!;
}

/** Calls the Worker's `email()` with a stand-in for ForwardableEmailMessage. */
export async function deliver(raw: string | Uint8Array, envelope: { from: string; to: string }) {
  const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
  const message = {
    from: envelope.from,
    to: envelope.to,
    raw: new Response(bytes).body!,
    rawSize: bytes.length,
    headers: new Headers(),
    setReject: () => {},
    forward: async () => ({}),
    reply: async () => ({}),
  } as unknown as ForwardableEmailMessage;
  await worker.email(message, env as never);
}
