/** What needs doing, for the staff home page: computed in SQL, three statements in one D1 batch (one round trip). */
import type { Deps } from '../../lib/deps';
import { DAY_MS } from '../../lib/clock';

export type OpenRoundTodo = { id: string; title: string; closesAt: Date; daysLeft: number; invited: number; responded: number };
export type PendingOpinionsTodo = { roundId: string; title: string; pending: number };
export type NextMeetingTodo = { id: string; series: string; number: number; title: string; startsAt: Date; seated: number; waitlist: number; noAnswer: number };
export type HomeTodo = { openRounds: OpenRoundTodo[]; pendingOpinions: PendingOpinionsTodo[]; nextMeeting: NextMeetingTodo | null; failedMail: number };

/** Mail that did not reach its reader and needs a look. */
const FAILED_MAIL_STATUSES = "('failed', 'bounced', 'complained')";

export async function homeTodo(deps: Deps): Promise<HomeTodo> {
  const now = deps.clock().getTime();
  const [rounds, opinions, meeting, mail] = await deps.d1.batch<Record<string, unknown>>([
    deps.d1.prepare(
      `SELECT r.id, r.title, r.closes_at AS closesAt, count(i.id) AS invited, coalesce(sum(i.status = 'responded'), 0) AS responded
       FROM rounds r LEFT JOIN invitations i ON i.round_id = r.id AND i.revoked_at IS NULL
       WHERE r.status = 'open' GROUP BY r.id ORDER BY r.closes_at, r.id`,
    ),
    deps.d1.prepare(
      `SELECT o.round_id AS roundId, r.title, count(*) AS pending
       FROM opinions o JOIN rounds r ON r.id = o.round_id
       WHERE o.disposition = 'pending' GROUP BY o.round_id ORDER BY pending DESC, r.title`,
    ),
    deps.d1
      .prepare(
        `SELECT m.id, m.series, m.number, m.title, m.starts_at AS startsAt,
           coalesce(sum(a.rsvp IN ('attend', 'delegate')), 0) AS seated,
           coalesce(sum(a.rsvp = 'waitlist'), 0) AS waitlist,
           coalesce(sum(a.rsvp = 'pending'), 0) AS noAnswer
         FROM meetings m LEFT JOIN meeting_attendees a ON a.meeting_id = m.id AND a.revoked_at IS NULL
         WHERE m.status = 'scheduled' AND m.starts_at >= ?1
         GROUP BY m.id ORDER BY m.starts_at, m.id LIMIT 1`,
      )
      .bind(now),
    deps.d1.prepare(`SELECT count(*) AS failed FROM outbox WHERE status IN ${FAILED_MAIL_STATUSES}`),
  ]);
  const m = meeting!.results[0];
  return {
    openRounds: rounds!.results.map((r) => {
      const closesAt = new Date(Number(r.closesAt));
      return { id: String(r.id), title: String(r.title), closesAt, daysLeft: Math.max(0, Math.ceil((closesAt.getTime() - now) / DAY_MS)), invited: Number(r.invited), responded: Number(r.responded) };
    }),
    pendingOpinions: opinions!.results.map((o) => ({ roundId: String(o.roundId), title: String(o.title), pending: Number(o.pending) })),
    nextMeeting: m
      ? { id: String(m.id), series: String(m.series), number: Number(m.number), title: String(m.title), startsAt: new Date(Number(m.startsAt)), seated: Number(m.seated), waitlist: Number(m.waitlist), noAnswer: Number(m.noAnswer) }
      : null,
    failedMail: Number(mail!.results[0]!.failed),
  };
}

/** 反馈率 as a whole percent; no invitations yet reads 0 %. */
export function responseRate(round: Pick<OpenRoundTodo, 'invited' | 'responded'>): number {
  return round.invited ? Math.round((round.responded / round.invited) * 100) : 0;
}
