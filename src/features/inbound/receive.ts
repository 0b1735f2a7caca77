/**
 * Mail that comes in through Email Routing: kept whole in R2 with its attachments (their text read for search), then
 * either a pending item of opinions for the invitation its address names, or an unmatched item for staff (unknown or
 * revoked address, a sender who is not the invited stakeholder, a closed round, nothing to read), or an ignored one
 * (bounces and auto-replies). Nothing goes into the ledger before staff confirm it. Mail to a meeting's organizer
 * address is a calendar reply: it is recorded as the invitee's RSVP at once (see meetings/calendar-reply.ts).
 */
import { asc, eq } from 'drizzle-orm';
import PostalMime, { type Email } from 'postal-mime';
import { inboundItems, roundSections, rounds, stakeholders, type InboundFile, type InboundOpinion, type InboundRow } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { roundPhase } from '../feedback/service';
import { attributeBody } from './attribute';
import { classifyMail, mailAuthentication } from './classify';
import { FORM_CONTENT_TYPES } from './form-file';
import { newItem, type InboundInsert, type InboundItem } from './items';
import { placeRows } from './place-rows';
import { readFilledForm } from './read-form';
import { findByReference } from './reference';
import { referenceOfAddress } from './reply-address';
import { newPartOfReply } from './strip-reply';
import { attachmentText, joinAttachmentTexts } from './attachment-text';
import { isMeetingAddress } from '../meetings/calendar-address';
import { recordCalendarReply } from '../meetings/calendar-reply';

/** Limits stated to staff and in the README: a larger message is recorded as unmatched, not read. */
export const INBOUND_MAX_MB = 25;
export const INBOUND_MAX_BYTES = INBOUND_MAX_MB * 1024 * 1024;
export const INBOUND_MAX_ATTACHMENTS = 10;

/** What the handler gets from Email Routing (a ForwardableEmailMessage, or a test's stand-in). */
export type IncomingMail = { from: string; to: string; raw: ReadableStream<Uint8Array> | Uint8Array; rawSize: number };

type Reading = Pick<InboundInsert, 'status' | 'reason' | 'roundId' | 'invitationId' | 'stakeholderId' | 'meetingId' | 'confirmedAt'> & {
  found?: InboundOpinion[];
  unplaced?: InboundRow[];
};

async function rawBytes(raw: IncomingMail['raw']): Promise<Uint8Array> {
  return raw instanceof Uint8Array ? raw : new Uint8Array(await new Response(raw).arrayBuffer());
}

function extensionOf(name: string | null): string {
  return /\.([a-z0-9]+)$/i.exec(name ?? '')?.[1]?.toLowerCase() ?? '';
}

function attachmentBytes(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  return typeof content === 'string' ? new TextEncoder().encode(content) : content instanceof Uint8Array ? content : new Uint8Array(content);
}

/** Matches the message to an invitation and reads its opinions: the body by named sections, a 意见反馈表 cell by cell. */
async function readForInvitation(deps: Deps, mail: IncomingMail, email: Email, bodyText: string): Promise<Reading> {
  const reference = referenceOfAddress(deps, mail.to);
  const invitation = reference ? await findByReference(deps, reference) : null;
  if (!invitation) return { status: 'unmatched', reason: 'unknown_address' };
  const ids = { roundId: invitation.roundId, invitationId: invitation.id, stakeholderId: invitation.stakeholderId };
  const person = await deps.db.select().from(stakeholders).where(eq(stakeholders.id, invitation.stakeholderId)).get();
  const sender = (email.from?.address ?? mail.from).toLowerCase();
  if (!person?.emailNormalized || (person.emailNormalized !== sender && person.emailNormalized !== mail.from.toLowerCase())) {
    return { status: 'unmatched', reason: 'unknown_sender', ...ids };
  }
  const round = (await deps.db.select().from(rounds).where(eq(rounds.id, invitation.roundId)).get())!;
  if (roundPhase(round, deps.clock()) !== 'open') return { status: 'unmatched', reason: 'round_closed', ...ids };
  const sections = await deps.db.select().from(roundSections).where(eq(roundSections.roundId, round.id)).orderBy(asc(roundSections.position));
  const found = attributeBody(bodyText, sections);
  const unplaced: InboundRow[] = [];
  for (const attachment of email.attachments.slice(0, INBOUND_MAX_ATTACHMENTS)) {
    if (!(extensionOf(attachment.filename) in FORM_CONTENT_TYPES)) continue;
    const form = readFilledForm(attachmentBytes(attachment.content));
    // Only this invitation's own form is read: a colleague's form forwarded along is for staff to look at.
    if (!form || !form.reference || (await findByReference(deps, form.reference))?.id !== invitation.id) continue;
    const placement = placeRows(sections, form.rows);
    found.push(...placement.found);
    unplaced.push(...placement.unplaced);
  }
  if (!found.length && !unplaced.length) return { status: 'unmatched', reason: 'no_opinions', ...ids };
  return { status: 'pending', reason: null, ...ids, found, unplaced };
}

const calendarTypeRe = /^(text\/calendar|application\/ics)$/i;

/** A reply to a meeting's organizer address: the calendar parts decide the RSVP. */
async function readCalendarReply(deps: Deps, mail: IncomingMail, email: Email): Promise<Reading> {
  const calendars = email.attachments
    .filter((a) => calendarTypeRe.test(a.mimeType) || extensionOf(a.filename) === 'ics')
    .map((a) => new TextDecoder().decode(attachmentBytes(a.content)));
  const senders = [mail.from, email.from?.address].filter((s): s is string => Boolean(s));
  const outcome = await recordCalendarReply(deps, { to: mail.to, senders, calendars });
  return { ...outcome, confirmedAt: outcome.status === 'confirmed' ? deps.clock() : null };
}

export async function receiveEmail(deps: Deps, bucket: R2Bucket, mail: IncomingMail): Promise<InboundItem | null> {
  const id = deps.newId();
  const now = deps.clock();
  const base = { source: 'email' as const, fromAddress: mail.from, toAddress: mail.to, receivedAt: now };
  if (mail.rawSize > INBOUND_MAX_BYTES) {
    return store(deps, { ...newItem(deps, { ...base, status: 'unmatched', reason: 'too_large' }), id });
  }
  const bytes = await rawBytes(mail.raw);
  const r2Key = `inbound/mail/${id}.eml`;
  await bucket.put(r2Key, bytes, { httpMetadata: { contentType: 'message/rfc822' } });
  const email = await PostalMime.parse(bytes);
  const subject = email.subject ?? '';
  const files: InboundFile[] = [];
  const texts: { filename: string; text: string }[] = [];
  for (const [i, attachment] of email.attachments.slice(0, INBOUND_MAX_ATTACHMENTS).entries()) {
    const content = attachmentBytes(attachment.content);
    const key = `inbound/mail/${id}/${i}`;
    const filename = attachment.filename ?? `attachment-${i + 1}`;
    await bucket.put(key, content, { httpMetadata: { contentType: attachment.mimeType } });
    files.push({ filename, contentType: attachment.mimeType, size: content.length, r2Key: key });
    // A 意见反馈表 is read cell by cell into opinions; any other document's text is kept for search.
    const isForm = extensionOf(filename) in FORM_CONTENT_TYPES && readFilledForm(content) !== null;
    const text = isForm ? null : attachmentText({ filename, mimeType: attachment.mimeType, content });
    if (text) texts.push({ filename, text });
  }
  const kind = classifyMail(email.headers, email.from?.address ?? mail.from, subject);
  let reading: Reading;
  if (kind !== 'bounce' && isMeetingAddress(deps, mail.to)) reading = await readCalendarReply(deps, mail, email);
  else if (kind === 'personal') reading = await readForInvitation(deps, mail, email, newPartOfReply(email.text ?? ''));
  else reading = { status: 'ignored', reason: kind };
  const fields = { subject, r2Key, messageId: email.messageId ?? null, files, attachmentText: joinAttachmentTexts(texts), ...mailAuthentication(email.headers) };
  return store(deps, { ...newItem(deps, { ...base, ...reading, ...fields }), id });
}

/** A message delivered twice (Email Routing retries) is kept once: its Message-ID is unique. */
async function store(deps: Deps, item: InboundInsert): Promise<InboundItem | null> {
  const [row] = await deps.db.insert(inboundItems).values(item).onConflictDoNothing().returning();
  return row ?? null;
}
