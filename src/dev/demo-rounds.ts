/**
 * The demo story, after the seed document: a first round on the draft action plan, heard by phone, in person, by
 * letter and at the first breakfast meeting, answered and published; a second round open now, its invitations in the
 * local mailbox; the second breakfast meeting a week ahead. Built through the services, each step at its own time.
 */
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import { appMeta, stakeholders } from '../db/schema';
import { saveMinutes } from '../features/meetings/minutes';
import { inviteToMeeting } from '../features/meetings/invitations';
import { createMeetingSchema } from '../features/meetings/schemas';
import { createMeeting } from '../features/meetings/service';
import { setDisposition } from '../features/opinions/service';
import { publishRound } from '../features/publication/service';
import { sendInvitations } from '../features/rounds/invitations';
import { logOfflineOpinion } from '../features/rounds/offline';
import { offlineOpinionSchema, type RoundInput } from '../features/rounds/schemas';
import { closeRound, copyRound, createRound, loadRound, openRound, updateDraftRound } from '../features/rounds/service';
import { DAY_MS, type Clock } from '../lib/clock';
import type { Deps } from '../lib/deps';
import { createIdFactory } from '../lib/ids';
import { toShanghaiLocalInput } from '../lib/time';
import { demoFileText } from './demo-data';

const DEMO_ROUNDS_KEY = 'demo_rounds';
const SERIES = '硅巷早餐会';

type DemoOpinion = {
  email: string;
  channel: 'phone' | 'in_person' | 'letter';
  sectionNumber: string;
  text: string;
  disposition: 'adopted' | 'partly_adopted' | 'not_adopted' | 'noted';
  reply: string;
};

const FIRST_ROUND_OPINIONS: DemoOpinion[] = [
  {
    email: 'lin.xiaowen@example.com',
    channel: 'phone',
    sectionNumber: '一',
    text: '建议进一步明确硅巷四至范围，并与周边街道的城市更新规划衔接。',
    disposition: 'adopted',
    reply: '已采纳，见修改稿第一部分。',
  },
  {
    email: 'zhou.liqun@example.com',
    channel: 'in_person',
    sectionNumber: '五（五）1',
    text: '建议在人才服务中增加青年科技人才公寓的供给。',
    disposition: 'partly_adopted',
    reply: '部分采纳：人才公寓纳入五（五）1，具体数量另行研究。',
  },
  {
    email: 'chen.haiyan@example.com',
    channel: 'letter',
    sectionNumber: '五（一）2',
    text: '盘活沿街载体资源时，建议充分听取街道和居民意见，避免影响居民生活。',
    disposition: 'adopted',
    reply: '已采纳，见修改稿五（一）2。',
  },
  {
    email: 'zhao.min@example.com',
    channel: 'letter',
    sectionNumber: '六',
    text: '专项行动的资金来源和考核方式建议再细化。',
    disposition: 'noted',
    reply: '留作参考：资金安排将在年度预算中另行明确。',
  },
];

/** Deps whose clock stands at `at`, so that each step of the story happens when it did. */
function at(deps: Deps, when: Date): Deps {
  const clock: Clock = () => new Date(when);
  return { ...deps, clock, newId: createIdFactory(clock) };
}

function roundInput(title: string, opensAt: Date, closesAt: Date): RoundInput {
  return {
    title,
    purpose: '征求对《长宁区全面推进“上海硅巷”科创街区建设三年行动方案》的意见和建议。',
    draft: demoFileText('draftActionPlan'),
    opensAt,
    closesAt,
    contactName: '谢佼',
    contactPhone: '021-52380000',
    contactAddress: '长宁区长宁路599号',
    audience: { categories: ['proposer', 'street', 'department', 'enterprise', 'young_entrepreneur'], tags: [], stakeholderIds: [] },
  };
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: string }, step: string): T {
  if (!result.ok) throw new Error(`demo data: ${step} failed: ${result.error}`);
  return result.value;
}

/** Once per database: the first request to claim the key tells the story; others (and later runs) skip it. */
export async function seedDemoRounds(deps: Deps): Promise<void> {
  const now = deps.clock();
  const claimed = await deps.db.insert(appMeta).values({ key: DEMO_ROUNDS_KEY, value: 'seeding', updatedAt: now }).onConflictDoNothing().returning();
  if (claimed.length === 0) return;
  try {
    await tellTheStory(deps, now);
    await deps.db.update(appMeta).set({ value: 'done', updatedAt: deps.clock() }).where(eq(appMeta.key, DEMO_ROUNDS_KEY));
  } catch (error) {
    // The demo story is a convenience: the hub must still start without it.
    console.error('the demo rounds and meetings could not be loaded', error);
  }
}

async function tellTheStory(deps: Deps, now: Date): Promise<void> {
  const day = (n: number) => new Date(now.getTime() + n * DAY_MS);
  const people = new Map((await deps.db.select({ id: stakeholders.id, email: stakeholders.emailNormalized }).from(stakeholders)).map((s) => [s.email, s.id]));

  const first = unwrap(await createRound(at(deps, day(-72)), null, roundInput('三年行动方案（征求意见稿）第一轮征求意见', day(-70), day(-40))), 'create round');
  unwrap(await openRound(at(deps, day(-70)), null, first.id, ''), 'open round');
  unwrap(await sendInvitations(at(deps, day(-70)), null, first.id), 'invite');
  const round = (await loadRound(deps, first.id))!;
  const sectionId = (number: string) => round.sections.find((s) => s.number === number)?.id ?? null;

  const logged: { id: string; opinion: DemoOpinion }[] = [];
  for (const [i, opinion] of FIRST_ROUND_OPINIONS.entries()) {
    const input = v.parse(offlineOpinionSchema, {
      stakeholderId: people.get(opinion.email) ?? '',
      name: people.has(opinion.email) ? '' : opinion.email,
      channel: opinion.channel,
      heardAt: toShanghaiLocalInput(day(-65 + i * 3)),
      sectionId: sectionId(opinion.sectionNumber) ?? '',
      text: opinion.text,
    });
    logged.push({ id: unwrap(await logOfflineOpinion(at(deps, day(-65 + i * 3)), null, first.id, input), 'log opinion').id, opinion });
  }

  const breakfast = v.parse(createMeetingSchema, {
    series: SERIES,
    title: '第一期早餐会：硅巷科创企业座谈',
    topic: '听取企业和青年创业者对行动方案的意见',
    startsAt: `${toShanghaiLocalInput(day(-50)).slice(0, 10)}T07:30`,
    durationMinutes: 90,
    venue: '长宁区科协三楼会议室',
    address: '长宁区长宁路599号',
    capacity: 12,
    agenda: '一、行动方案介绍\n二、企业代表发言\n三、自由交流',
    host: '区科协',
    roundId: first.id,
  });
  const held = unwrap(await createMeeting(at(deps, day(-56)), null, breakfast), 'create meeting');
  unwrap(await inviteToMeeting(at(deps, day(-56)), null, held.id, { categories: ['enterprise', 'young_entrepreneur'], tags: [], stakeholderIds: [] }), 'invite to meeting');
  unwrap(
    await saveMinutes(at(deps, day(-49)), null, held.id, {
      summary: '与会企业普遍关注空间载体和人才服务，建议提供灵活的短租办公空间。',
      present: [],
      opinions: [{ attendeeId: '', sectionId: '', name: '吴佳琪', organization: '黑湖智造（示例）', text: '希望为青年创业者提供更灵活的短租办公空间。' }],
    }),
    'save minutes',
  );

  unwrap(await closeRound(at(deps, day(-40)), null, first.id), 'close round');
  for (const { id, opinion } of logged) {
    unwrap(await setDisposition(at(deps, day(-35)), null, id, { disposition: opinion.disposition, reply: opinion.reply, assignee: '区科协' }), 'set disposition');
  }
  unwrap(await publishRound(at(deps, day(-30)), null, first.id, {}), 'publish');

  const second = unwrap(await copyRound(at(deps, day(-2)), null, first.id), 'copy round');
  unwrap(await updateDraftRound(at(deps, day(-2)), null, second.id, roundInput('三年行动方案（修改稿）第二轮征求意见', day(-1), day(30))), 'update round');
  unwrap(await openRound(at(deps, day(-1)), null, second.id, ''), 'open second round');
  unwrap(await sendInvitations(deps, null, second.id), 'invite to second round');

  const next = v.parse(createMeetingSchema, {
    ...breakfast,
    startsAt: `${toShanghaiLocalInput(day(7)).slice(0, 10)}T07:30`,
    title: '第二期早餐会：街道与委办局座谈',
    topic: '修改稿的落实分工',
    roundId: second.id,
    agenda: breakfast.agenda,
    durationMinutes: breakfast.durationMinutes,
    capacity: breakfast.capacity,
  });
  const upcoming = unwrap(await createMeeting(deps, null, next), 'create second meeting');
  unwrap(await inviteToMeeting(deps, null, upcoming.id, { categories: ['proposer', 'street'], tags: [], stakeholderIds: [] }), 'invite to second meeting');
}
