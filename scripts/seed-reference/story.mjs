// The reference data as a story told through the hub's services, step by step (see src/dev/reference/): staff,
// 5,000 stakeholders, 40 rounds — one of district scale (2,000 invitees, 1,500 responses, 12,000 opinions, a third
// answered), 24 closed, 8 more open, 7 drafts — and 24 breakfast meetings of 60 invitees. `national` adds a round of
// 100,000 opinions. Every choice comes from `random`, so the same seed gives the same data.
import { ASSIGNEES, createWording, REPLIES } from './wording.mjs';
import { BIG_ROUND_AUDIENCE, BIG_ROUND_TAG, makeStakeholders, stakeholderCsvFiles, TAG_SIZES } from './people.mjs';

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const BIG_ROUND = { responses: 1500, opinions: 12_000, disposedShare: 1 / 3, drafts: 100 };
export const NATIONAL_ROUND = { responses: 4000, opinions: 100_000 };
const CLOSED_ROUNDS = 24;
const OPEN_ROUNDS = 8;
const DRAFT_ROUNDS = 7;
const MEETINGS = 24;
const MEETING_INVITEES = 60;
const ITEMS_PER_REQUEST = 100;
const CSV_ROWS_PER_FILE = 1000;
const CONTACT = { contactName: '谢佼', contactPhone: '021-52380000', contactAddress: '长宁区长宁路599号' };

const iso = (ms) => new Date(ms).toISOString();
/** Shanghai wall-clock time as a meeting form takes it. */
const shanghaiLocal = (ms) => new Date(ms + 8 * HOUR).toISOString().slice(0, 16);
const chunks = (items, size) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** `n` counts within [min, max] that add up to `total`, spread like real responses (most short, a few long). */
export function spreadCounts(random, n, total, min, max) {
  const mean = total / n;
  const counts = Array.from({ length: n }, () => Math.min(max, Math.max(min, Math.round(min + random.exponential(mean - min)))));
  let diff = total - counts.reduce((a, b) => a + b, 0);
  while (diff !== 0) {
    const i = random.int(0, n - 1);
    const step = diff > 0 ? 1 : -1;
    if (counts[i] + step >= min && counts[i] + step <= max) {
      counts[i] += step;
      diff -= step;
    }
  }
  return counts;
}

function titleOf(draft) {
  return draft.split('\n')[0].replace(/^#\s*/, '').trim();
}

export async function tellReferenceStory({ step, random, drafts, now, national, log }) {
  const wording = createWording(random, drafts);
  const people = makeStakeholders(random);
  const mailable = people.filter((p) => p.email);

  const staff = await step('staff', {});
  for (const csv of stakeholderCsvFiles(people, CSV_ROWS_PER_FILE)) await step('stakeholders', { csv });
  log(`${people.length} stakeholders imported`);

  /** Feedback of `count` invitees with `opinionCounts[i]` opinions each, saved at times in [from, to], in time order. */
  async function respond(round, invitees, opinionCounts, from, to, { submit = true } = {}) {
    const times = opinionCounts.map(() => from + random.next() * (to - from)).sort((a, b) => a - b);
    // Some sections draw far more comments than others, as in real consultations.
    const popularity = random.shuffle(round.sections.map((_, k) => k));
    const items = invitees.map((person, i) => {
      const withOverall = opinionCounts[i] > 1 && random.chance(0.3);
      const sections = random.zipfSample(popularity, opinionCounts[i] - (withOverall ? 1 : 0)).sort((a, b) => a - b);
      return {
        email: person.email,
        at: iso(times[i]),
        feedback: {
          stance: random.weighted({ agree: 35, mostly_agree: 35, amend: 25, disagree: 5 }),
          ...(withOverall ? { overall: wording.opinion(null) } : {}),
          opinions: sections.map((k) => ({ sectionId: round.sections[k].id, text: wording.opinion(round.sections[k]) })),
          submit,
        },
      };
    });
    for (const part of chunks(items, ITEMS_PER_REQUEST)) await step('responses', { roundId: round.id, items: part });
  }

  /** `varied`: replies and assignees vary by opinion (a big round shared out); else one of each per disposition. */
  async function dispose(roundId, numbers, at, { varied = true } = {}) {
    const groups = new Map();
    const roundReplies = Object.fromEntries(Object.entries(REPLIES).map(([d, replies]) => [d, random.pick(replies)]));
    const roundAssignee = random.pick(ASSIGNEES);
    for (const number of numbers) {
      const disposition = random.weighted({ adopted: 30, partly_adopted: 25, not_adopted: 15, noted: 30 });
      const reply = varied ? random.pick(REPLIES[disposition]) : roundReplies[disposition];
      const assignee = varied ? random.pick(ASSIGNEES) : roundAssignee;
      const key = `${disposition}|${reply}|${assignee}`;
      if (!groups.has(key)) groups.set(key, { numbers: [], disposition, reply, assignee });
      groups.get(key).numbers.push(number);
    }
    for (const part of chunks([...groups.values()], 50)) await step('dispositions', { roundId, at: iso(at), groups: part });
  }

  const roundInput = (title, draft, opensAt, closesAt, audience) => ({
    title,
    purpose: `就《${titleOf(draft).replace(/（.*?）/g, '')}》公开征求意见，请提出修改意见和建议。`,
    draft,
    opensAt: iso(opensAt),
    closesAt: iso(closesAt),
    ...CONTACT,
    audience: { categories: [], tags: [], stakeholderIds: [], ...audience },
  });
  const withTag = (tag) => mailable.filter((p) => p.tags.includes(tag));
  const draftNames = Object.keys(drafts);

  // The district-scale round: the regulation, open for ten more days, two thirds of the way through.
  const bigOpens = now - 20 * DAY;
  const big = await step('round', {
    round: roundInput(`${titleOf(drafts['draft-regulation.txt'])}公开征求意见`, drafts['draft-regulation.txt'], bigOpens, bigOpens + 30 * DAY, { tags: [BIG_ROUND_TAG] }),
    createdAt: iso(bigOpens - 5 * DAY),
    openAt: iso(bigOpens),
  });
  if (big.invited !== BIG_ROUND_AUDIENCE) throw new Error(`the big round invited ${big.invited}, not ${BIG_ROUND_AUDIENCE}`);
  const bigInvitees = random.shuffle(withTag(BIG_ROUND_TAG));
  const answering = bigInvitees.slice(0, BIG_ROUND.responses);
  await respond(big, answering, spreadCounts(random, answering.length, BIG_ROUND.opinions, 1, 60), bigOpens + HOUR, now - 3 * HOUR);
  const drafting = bigInvitees.slice(BIG_ROUND.responses, BIG_ROUND.responses + BIG_ROUND.drafts);
  await respond(big, drafting, drafting.map(() => random.int(1, 3)), bigOpens + HOUR, now - 3 * HOUR, { submit: false });
  const disposed = random.shuffle(Array.from({ length: BIG_ROUND.opinions }, (_, i) => i + 1)).slice(0, Math.round(BIG_ROUND.opinions * BIG_ROUND.disposedShare));
  await dispose(big.id, disposed.sort((a, b) => a - b), now - 2 * HOUR);
  log(`district round: ${answering.length} responses, ${BIG_ROUND.opinions} opinions, ${disposed.length} answered`);

  const tags = Object.keys(TAG_SIZES).filter((tag) => tag !== '早餐会');
  const closed = [];
  for (let k = 0; k < CLOSED_ROUNDS; k++) {
    const draft = drafts[draftNames[(k + 1) % draftNames.length]];
    const closesAt = now - (30 + k * 28) * DAY;
    const opensAt = closesAt - 30 * DAY;
    const tag = tags[k % tags.length];
    const round = await step('round', {
      round: roundInput(`${titleOf(draft)}（${new Date(opensAt).getUTCFullYear()}年第${(k % 3) + 1}轮）`, draft, opensAt, closesAt, { tags: [tag] }),
      createdAt: iso(opensAt - 3 * DAY),
      openAt: iso(opensAt),
    });
    const invitees = random.shuffle(withTag(tag)).slice(0, Math.round(round.invited * 0.3));
    await respond(round, invitees, invitees.map(() => random.int(1, Math.min(4, round.sections.length))), opensAt + HOUR, closesAt - HOUR);
    const offline = Array.from({ length: random.int(5, 15) }, () => {
      const person = random.pick(people);
      const heardAt = opensAt + random.next() * (closesAt - opensAt);
      const section = random.chance(0.8) ? random.pick(round.sections) : null;
      const opinion = { name: person.name, organization: person.organization, category: person.category, channel: random.pick(['phone', 'in_person', 'letter', 'meeting']), heardAt: iso(heardAt), sectionId: section?.id ?? '', text: wording.opinion(section) };
      return { email: person.email, loggedAt: iso(heardAt + 2 * HOUR), opinion };
    });
    await step('offline', { roundId: round.id, items: offline });
    await step('close', { roundId: round.id, at: iso(closesAt), publish: k % 2 === 0 });
    const { opinions } = await step('tally', { roundId: round.id });
    await dispose(round.id, Array.from({ length: opinions }, (_, i) => i + 1), closesAt + 3 * DAY, { varied: false });
    closed.push(round.id);
  }
  log(`${CLOSED_ROUNDS} closed rounds`);

  const open = [];
  for (let k = 0; k < OPEN_ROUNDS; k++) {
    const draft = drafts[draftNames[k % draftNames.length]];
    const opensAt = now - (k + 1) * DAY;
    const tag = tags[(k + 3) % tags.length];
    const round = await step('round', {
      round: roundInput(`${titleOf(draft)}（专题征求意见${k + 1}）`, draft, opensAt, opensAt + (30 + k) * DAY, { tags: [tag] }),
      createdAt: iso(opensAt - 2 * DAY),
      openAt: iso(opensAt),
    });
    const invitees = random.shuffle(withTag(tag)).slice(0, Math.round(round.invited * 0.2));
    await respond(round, invitees, invitees.map(() => random.int(1, 3)), opensAt + HOUR, now - HOUR);
    open.push(round.id);
  }
  for (let k = 0; k < DRAFT_ROUNDS; k++) {
    const draft = drafts[draftNames[(k + 2) % draftNames.length]];
    const opensAt = now + (5 + 3 * k) * DAY;
    await step('round', { round: roundInput(`${titleOf(draft)}（拟征求意见${k + 1}）`, draft, opensAt, opensAt + 30 * DAY, { tags: [tags[k % tags.length]] }), createdAt: iso(now - (k + 1) * DAY) });
  }
  log(`${OPEN_ROUNDS} more open rounds, ${DRAFT_ROUNDS} drafts`);

  const meetings = await seedMeetings({ step, random, now, pool: mailable.filter((p) => p.tags.includes('早餐会') || ['enterprise', 'young_entrepreneur', 'street'].includes(p.category)), roundId: big.id });
  log(`${MEETINGS} meetings of ${MEETING_INVITEES} invitees`);

  let nationalRound = null;
  if (national) {
    const opensAt = now - 29 * DAY;
    const round = await step('round', {
      round: roundInput(`${titleOf(drafts['draft-regulation.txt'])}（全市公开征求意见）`, drafts['draft-regulation.txt'], opensAt, opensAt + 31 * DAY, { categories: ['proposer', 'street', 'department', 'enterprise', 'young_entrepreneur', 'expert', 'other'] }),
      createdAt: iso(opensAt - 2 * DAY),
      openAt: iso(opensAt),
    });
    const invitees = random.shuffle(mailable).slice(0, NATIONAL_ROUND.responses);
    await respond(round, invitees, spreadCounts(random, invitees.length, NATIONAL_ROUND.opinions, 5, Math.min(80, round.sections.length)), opensAt + HOUR, now - HOUR);
    nationalRound = round.id;
    log(`national round: ${invitees.length} responses, ${NATIONAL_ROUND.opinions} opinions`);
  }

  for (let left = Infinity; left > 0; ) ({ remaining: left } = await step('deliver', {}));
  const facts = await step('facts', { roundId: big.id, meetingId: meetings.upcoming, limit: 500 });
  const rareName = people.find((p) => p.category === 'expert').name;
  return {
    ...staff,
    rounds: { big: big.id, national: nationalRound, closed, open },
    meetings,
    tokens: facts.tokens,
    stakeholderId: facts.stakeholderId,
    deepCursor: facts.deepCursor,
    counts: { ...facts.counts, national: nationalRound ? await step('tally', { roundId: nationalRound }) : null },
    search: { common: '科技', rare: rareName },
  };
}

const TOPICS = ['科创企业座谈', '街道与委办局座谈', '青年创业者交流', '人才服务专题', '楼宇经济专题', '科技金融对接', '城市更新与载体建设', '人工智能应用场景'];

async function seedMeetings({ step, random, now, pool, roundId }) {
  let upcoming = null;
  for (let i = 0; i < MEETINGS; i++) {
    // Every three weeks at 07:30 Shanghai time; the last four are still ahead.
    const day = Math.floor((now + (i - (MEETINGS - 4)) * 21 * DAY + 7 * DAY) / DAY) * DAY;
    const startsAt = day - 30 * 60_000; // 07:30 in Shanghai is 23:30 UTC the day before
    const createdAt = Math.min(startsAt - 14 * DAY, now - DAY);
    const invitees = random.shuffle(pool).slice(0, MEETING_INVITEES);
    const ahead = startsAt > now;
    const answerBy = Math.min(startsAt, now) - HOUR;
    const rsvps = invitees
      .filter(() => random.chance(ahead ? 0.3 : 0.5))
      .map((p) => {
        const answer = random.weighted({ attend: 60, decline: 20, delegate: 10, maybe: 10 });
        return { email: p.email, at: iso(createdAt + HOUR + random.next() * (answerBy - createdAt - HOUR)), answer: { answer, ...(answer === 'delegate' ? { deputy: { name: '王晓明', title: '副总经理' } } : {}) } };
      })
      .sort((a, b) => a.at.localeCompare(b.at));
    const meeting = await step('meeting', {
      createdAt: iso(createdAt),
      meeting: {
        series: '硅巷早餐会',
        title: `早餐会：${TOPICS[i % TOPICS.length]}`,
        topic: '听取对科创街区建设的意见和建议',
        startsAt: shanghaiLocal(startsAt),
        durationMinutes: 90,
        venue: '长宁区科协三楼会议室',
        address: '长宁区长宁路599号',
        capacity: 45,
        agenda: '一、情况介绍\n二、代表发言\n三、自由交流',
        host: '区科协',
        roundId: ahead ? roundId : '',
      },
      invitees: invitees.map((p) => p.email),
      rsvps,
    });
    if (ahead && !upcoming) upcoming = meeting.id;
  }
  return { upcoming };
}
