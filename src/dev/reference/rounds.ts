/** Reference data, rounds: created, opened and invited, closed and published at their own times, through the services. */
import { and, eq, inArray } from 'drizzle-orm';
import { chunk } from '../../db/client';
import { opinions, type DISPOSITIONS } from '../../db/schema';
import { bulkSetDisposition } from '../../features/opinions/service';
import { publishRound } from '../../features/publication/service';
import { sendInvitations } from '../../features/rounds/invitations';
import type { RoundInput } from '../../features/rounds/schemas';
import { closeRound, createRound, loadRound, openRound } from '../../features/rounds/service';
import type { Deps } from '../../lib/deps';
import { at, organizer, unwrap } from './context';

/** Ids per lookup: under D1's 100 bound parameters with the round id beside them. */
const LOOKUP_CHUNK = 90;

export type RoundStep = { round: RoundInput; createdAt: Date; openAt?: Date; shortPeriodReason: string };

/** A round as its organizer made it: created, then (if `openAt`) opened by hand and its audience invited. */
export async function seedRound(deps: Deps, input: RoundStep) {
  const actor = await organizer(deps);
  const { id } = unwrap(await createRound(at(deps, input.createdAt), actor, input.round), 'create round');
  let invited = 0;
  if (input.openAt) {
    unwrap(await openRound(at(deps, input.openAt), actor, id, input.shortPeriodReason), 'open round');
    invited = unwrap(await sendInvitations(at(deps, input.openAt), actor, id), 'invite').invited;
  }
  const round = (await loadRound(deps, id))!;
  return { id, invited, sections: round.sections.map((s) => ({ id: s.id, number: s.number, heading: s.heading, body: s.body })) };
}

export async function seedRoundClose(deps: Deps, input: { roundId: string; at: Date; publish: boolean }) {
  const actor = await organizer(deps);
  unwrap(await closeRound(at(deps, input.at), actor, input.roundId), 'close round');
  if (input.publish) unwrap(await publishRound(at(deps, input.at.getTime() + 7 * 86_400_000), actor, input.roundId, {}), 'publish round');
  return { closed: input.roundId };
}

type DispositionGroup = { numbers: number[]; disposition: (typeof DISPOSITIONS)[number]; reply: string; assignee: string };

/** Staff answering opinions in bulk, as on the triage page: one disposition, reply and assignee per group. */
export async function seedDispositions(deps: Deps, input: { roundId: string; at: Date; groups: DispositionGroup[] }) {
  const actor = await organizer(deps);
  let updated = 0;
  for (const group of input.groups) {
    const ids: string[] = [];
    for (const part of chunk(group.numbers, LOOKUP_CHUNK)) {
      const rows = await deps.db
        .select({ id: opinions.id })
        .from(opinions)
        .where(and(eq(opinions.roundId, input.roundId), inArray(opinions.number, part)));
      ids.push(...rows.map((r) => r.id));
    }
    if (ids.length === 0) continue;
    const change = { disposition: group.disposition, reply: group.reply, assignee: group.assignee };
    updated += unwrap(await bulkSetDisposition(at(deps, input.at), actor, input.roundId, ids, change), 'set dispositions').updated;
  }
  return { updated };
}
