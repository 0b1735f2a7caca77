/** Rows for the dispositions and publication tests: a round with sections, stakeholders, responses and opinions. */
import { eq } from 'drizzle-orm';
import { auditLog, opinionHistory, opinions, responses, stakeholders, type Channel, type PublicationChoice, type StakeholderCategory } from '../../src/db/schema';
import { testDeps } from '../helpers';
import { aRound, aStakeholder, anInvitation } from '../feedback/factories';
import { nextOpinionNumber } from '../../src/features/opinions/numbering';

export { aRound, aStakeholder, anInvitation };

type OpinionOverrides = {
  sectionId?: string | null;
  text?: string;
  channel?: Channel;
  stakeholderId?: string | null;
  responseId?: string | null;
  authorName?: string;
  authorOrganization?: string;
  authorCategory?: StakeholderCategory | null;
};

export async function anOpinion(roundId: string, overrides: OpinionOverrides = {}) {
  const deps = testDeps();
  const id = deps.newId();
  const now = deps.clock();
  await deps.db.insert(opinions).values({
    id,
    roundId,
    number: nextOpinionNumber(roundId),
    sectionId: overrides.sectionId ?? null,
    responseId: overrides.responseId ?? null,
    responseSlot: overrides.responseId ? `${overrides.responseId}:${overrides.sectionId ?? 'whole'}` : null,
    stakeholderId: overrides.stakeholderId ?? null,
    authorName: overrides.authorName ?? '',
    authorOrganization: overrides.authorOrganization ?? '',
    authorCategory: overrides.authorCategory ?? null,
    channel: overrides.channel ?? 'phone',
    heardAt: now,
    text: overrides.text ?? '园区周边停车难，建议增加停车位。',
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

/** A stakeholder who answered online with the given publication choice, and their opinions (one per text). */
export async function anOnlineResponse(
  round: { id: string },
  options: { publication: PublicationChoice; name?: string; organization?: string; category?: StakeholderCategory; email?: string | null; texts: { sectionId: string | null; text: string }[] },
) {
  const deps = testDeps();
  const person = await aStakeholder({ name: options.name, category: options.category, email: options.email });
  if (options.organization !== undefined) {
    await deps.db.update(stakeholders).set({ organization: options.organization }).where(eq(stakeholders.id, person.id));
  }
  const invitation = await anInvitation(round, person);
  const responseId = deps.newId();
  const now = deps.clock();
  await deps.db.insert(responses).values({
    id: responseId,
    roundId: round.id,
    invitationId: invitation.id,
    stakeholderId: person.id,
    respondentName: person.name,
    respondentOrganization: options.organization ?? person.organization,
    respondentCategory: person.category,
    publication: options.publication,
    status: 'submitted',
    submittedAt: now,
    createdAt: now,
    updatedAt: now,
  });
  const ids: string[] = [];
  for (const item of options.texts) {
    ids.push(await anOpinion(round.id, { ...item, channel: 'link', stakeholderId: person.id, responseId }));
  }
  return { person, invitation, responseId, opinionIds: ids };
}

export async function opinionRow(id: string) {
  return testDeps().db.select().from(opinions).where(eq(opinions.id, id)).get();
}

export async function historyOf(id: string) {
  return testDeps().db.select().from(opinionHistory).where(eq(opinionHistory.opinionId, id));
}

export async function auditFor(entityId: string) {
  return testDeps().db.select().from(auditLog).where(eq(auditLog.entityId, entityId));
}
