/** Inbound mail for tests: a fixture filled in with addresses, handed to the Worker's email handler as Email Routing would. */
import { env } from 'cloudflare:test';
import worker from '../../src/index';
import { invitationReplyAddress } from '../../src/features/inbound/reply-address';
import { invitationRow } from '../feedback/factories';
import { testDeps } from '../helpers';

export type FixtureFields = { from: string; to: string; uid?: string; partstat?: string };

function fillText(text: string, fields: FixtureFields, id: string): string {
  return text
    .replaceAll('{{FROM}}', fields.from)
    .replaceAll('{{TO}}', fields.to)
    .replaceAll('{{ID}}', id)
    .replaceAll('{{UID}}', fields.uid ?? '')
    .replaceAll('{{PARTSTAT}}', fields.partstat ?? '');
}

function utf8Base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/.{76}/g, '$&\n');
}

/** A base64 part: its header block naming the encoding, a blank line, then the encoded lines. */
const base64PartRe = /((?:^|\n)(?:[^\n]+\n)*?Content-Transfer-Encoding:\s*base64\n(?:[^\n]+\n)*\n)((?:[A-Za-z0-9+/=]+\n)+)/gi;

/**
 * A raw message as the sender's client wrote it, with CRLF line ends. Placeholders inside a UTF-8 base64 part (a
 * calendar reply's ATTENDEE and UID) are filled too: the part is decoded, filled and encoded again.
 */
export function fillFixture(raw: string, fields: FixtureFields): string {
  const id = crypto.randomUUID();
  const lf = raw.replace(/\r\n?/g, '\n').replace(base64PartRe, (whole, head: string, body: string) => {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(Uint8Array.from(atob(body.replace(/\n/g, '')), (c) => c.charCodeAt(0)));
    } catch {
      return whole;
    }
    return text.includes('{{') ? `${head}${utf8Base64(fillText(text, fields, id))}\n` : whole;
  });
  return fillText(lf, fields, id).replace(/\n/g, '\r\n');
}

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
