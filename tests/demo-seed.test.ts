import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { seedDemoData } from '../src/dev/seed';
import { testDeps } from './helpers';

const count = async (sql: string) => (await env.DB.prepare(sql).first<{ n: number }>())!.n;

describe('the demo story', () => {
  it('tells the seed document’s story once, however often and however concurrently the seed runs', async () => {
    await Promise.all([seedDemoData(testDeps()), seedDemoData(testDeps())]);
    await seedDemoData(testDeps());

    const rounds = await env.DB.prepare('SELECT title, status, published_at FROM rounds ORDER BY created_at').all<{ title: string; status: string; published_at: number | null }>();
    expect(rounds.results.map((r) => [r.status, r.published_at !== null])).toEqual([
      ['closed', true],
      ['open', false],
    ]);
    // Heard by phone, in person, by letter and at the first breakfast meeting; every one answered but the meeting's.
    const channels = await env.DB.prepare("SELECT channel, disposition FROM opinions ORDER BY heard_at").all<{ channel: string; disposition: string }>();
    expect(channels.results.map((o) => o.channel).sort()).toEqual(['in_person', 'letter', 'letter', 'meeting', 'phone']);
    expect(channels.results.filter((o) => o.disposition === 'pending')).toHaveLength(1);

    const meetings = await env.DB.prepare('SELECT number, status FROM meetings ORDER BY number').all<{ number: number; status: string }>();
    expect(meetings.results).toEqual([
      { number: 1, status: 'held' },
      { number: 2, status: 'scheduled' },
    ]);
    // The second round's invitations and the next meeting's are in the local mailbox, links to try.
    expect(await count("SELECT count(*) AS n FROM outbox WHERE kind = 'invitation'")).toBeGreaterThan(0);
    expect(await count("SELECT count(*) AS n FROM invitations i JOIN rounds r ON r.id = i.round_id WHERE r.status = 'open'")).toBeGreaterThan(0);
    expect(await count("SELECT count(*) AS n FROM meeting_attendees")).toBeGreaterThan(0);
  });
});
