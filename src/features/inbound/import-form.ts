/** Reading a filled 意见反馈表 uploaded by staff into a pending item of the round, for staff to confirm. */
import { asc, eq } from 'drizzle-orm';
import { roundSections, stakeholders } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import type { Actor } from '../rounds/service';
import { FORM_CONTENT_TYPES, FORM_MAX_BYTES } from './form-file';
import { newItem, roundExists, saveItem, type InboundItem } from './items';
import { placeRows } from './place-rows';
import { readFilledForm, type FilledForm } from './read-form';
import { findByReference } from './reference';

export type ImportError = 'not_found' | 'round_not_open' | 'not_a_form' | 'unknown_invitation' | 'other_round' | 'empty';

/** The invitation a filled form belongs to, and what it says placed against the round's sections. */
export async function readFormForRound(deps: Deps, roundId: string, form: FilledForm) {
  const invitation = form.reference ? await findByReference(deps, form.reference) : null;
  if (!invitation) return fail('unknown_invitation' as const);
  if (invitation.roundId !== roundId) return fail('other_round' as const);
  const sections = await deps.db.select().from(roundSections).where(eq(roundSections.roundId, roundId)).orderBy(asc(roundSections.position));
  const stakeholder = await deps.db.select().from(stakeholders).where(eq(stakeholders.id, invitation.stakeholderId)).get();
  return ok({ invitation, stakeholder: stakeholder!, placement: placeRows(sections, form.rows) });
}

export async function importFilledForm(
  deps: Deps,
  actor: Actor,
  roundId: string,
  file: { bytes: Uint8Array; filename: string; contentType: string },
  bucket: R2Bucket,
): Promise<Result<InboundItem, ImportError>> {
  const round = await roundExists(deps, roundId);
  if (!round) return fail('not_found');
  if (round.status === 'draft') return fail('round_not_open');
  const form = file.bytes.length <= FORM_MAX_BYTES ? readFilledForm(file.bytes) : null;
  if (!form) return fail('not_a_form');
  const read = await readFormForRound(deps, roundId, form);
  if (!read.ok) return read;
  const { invitation, stakeholder, placement } = read.value;
  if (!placement.found.length && !placement.unplaced.length) return fail('empty');
  const now = deps.clock();
  const draft = newItem(deps, {
      source: 'upload',
      status: 'pending',
      roundId,
      invitationId: invitation.id,
      stakeholderId: stakeholder.id,
      fromAddress: stakeholder.email ?? '',
      subject: form.format,
      found: placement.found,
      unplaced: placement.unplaced,
      files: [{ filename: file.filename, contentType: file.contentType, size: file.bytes.length, r2Key: null }],
      receivedAt: now,
      uploadedByStaffId: actor?.id ?? null,
    });
  // The file is kept beside the item, so that staff can open what was read; bytes first, then the row.
  const r2Key = `inbound/${roundId}/${draft.id}/form.${form.format}`;
  await bucket.put(r2Key, file.bytes, { httpMetadata: { contentType: FORM_CONTENT_TYPES[form.format] } });
  return ok(await saveItem(deps, { ...draft, r2Key }));
}

/** An item as the API gives it. */
export function itemJson(item: InboundItem) {
  return {
    id: item.id,
    source: item.source,
    status: item.status,
    reason: item.reason,
    roundId: item.roundId,
    invitationId: item.invitationId,
    stakeholderId: item.stakeholderId,
    meetingId: item.meetingId,
    from: item.fromAddress,
    to: item.toAddress,
    subject: item.subject,
    authentication: { spf: item.spf, dkim: item.dkim, dmarc: item.dmarc },
    opinions: item.found,
    unplaced: item.unplaced,
    files: item.files.map((f) => ({ filename: f.filename, contentType: f.contentType, size: f.size })),
    attachmentText: item.attachmentText,
    receivedAt: item.receivedAt.toISOString(),
    confirmedAt: item.confirmedAt?.toISOString() ?? null,
  };
}
