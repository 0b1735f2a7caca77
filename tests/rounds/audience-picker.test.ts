import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rounds, stakeholders } from '../../src/db/schema';
import { demoFileText } from '../../src/dev/demo-data';
import { PICKER_PAGE_SIZE } from '../../src/features/rounds/audience-picker';
import { buildSearchText } from '../../src/features/stakeholders/schemas';
import { DAY_MS } from '../../src/lib/clock';
import { toShanghaiLocalInput } from '../../src/lib/time';
import { postForm, request, signedInAs, testDeps, testNow } from '../helpers';
import { aMeetingWithInvitees, attendeesOf } from '../meetings/factories';
import { aStakeholder, uniqueTag } from './factories';

/** Stakeholders of one made-up organization, searchable as the directory's own pages make them. */
async function aDirectory(count: number, organization: string) {
  const deps = testDeps();
  const people: { id: string; name: string }[] = [];
  for (let i = 0; i < count; i++) {
    const name = `测试${String(i).padStart(3, '0')}`;
    const { id } = await aStakeholder(deps, { name, organization, category: 'enterprise' });
    await deps.db.update(stakeholders).set({ searchText: buildSearchText({ name, organization, title: '', email: null, phone: '', tags: [] }) }).where(eq(stakeholders.id, id));
    people.push({ id, name });
  }
  return people;
}

const local = (days: number) => toShanghaiLocalInput(new Date(testNow().getTime() + days * DAY_MS));

function roundForm(title: string, extra: Record<string, string | string[]> = {}) {
  return { title, purpose: '', draft: demoFileText('draftActionPlan'), opensAt: local(1), closesAt: local(41), contactName: '', contactPhone: '', contactAddress: '', tags: '', ...extra };
}

/** The picked ids as the re-shown form carries them. */
const pickedIn = (html: string) => [...html.matchAll(/name="stakeholderIds" value="([^"]+)"/g)].map((m) => m[1]!);

describe('hand-picking an audience from a large directory', () => {
  it('searches by organization in pages, adds and removes people, keeps what was typed, and saves the picked list', async () => {
    const organization = `示例科技${uniqueTag()}`;
    const people = await aDirectory(PICKER_PAGE_SIZE + 5, organization);
    const { cookie } = await signedInAs('organizer');
    const title = `手选-${uniqueTag()}`;

    const searched = await postForm('/rounds', roundForm(title, { pickQuery: organization, pickSearch: '1' }), { cookie });
    expect(searched.status).toBe(200);
    let html = await searched.text();
    expect(html).toContain(`找到 ${PICKER_PAGE_SIZE + 5} 人，第 1/2 页`);
    expect(html).toContain(`value="${title}"`);
    expect(html).not.toContain('multiple');
    expect(await testDeps().db.select().from(rounds).where(eq(rounds.title, title))).toHaveLength(0);

    html = await (await postForm('/rounds', roundForm(title, { pickQuery: organization, pickAt: '0', pickShown: '1', pickPage: '1' }), { cookie })).text();
    expect(html).toContain(`找到 ${PICKER_PAGE_SIZE + 5} 人，第 2/2 页`);
    expect(html).toContain('测试024');
    expect(html).not.toContain('测试000');

    const last = people.at(-1)!;
    html = await (await postForm('/rounds', roundForm(title, { pickQuery: organization, pickAt: '1', pickShown: '1', pickAdd: last.id }), { cookie })).text();
    expect(pickedIn(html)).toEqual([last.id]);
    expect(html).toContain('已指定 1 人');
    expect(html).toContain('第 2/2 页');

    html = await (await postForm('/rounds', roundForm(title, { stakeholderIds: [last.id], pickQuery: organization, pickAt: '0', pickShown: '1', pickAddPage: '1' }), { cookie })).text();
    expect(pickedIn(html)).toHaveLength(PICKER_PAGE_SIZE + 1);

    const picked = pickedIn(html);
    html = await (await postForm('/rounds', roundForm(title, { stakeholderIds: picked, pickRemove: last.id }), { cookie })).text();
    expect(pickedIn(html)).toEqual(picked.filter((id) => id !== last.id));

    const saved = await postForm('/rounds', roundForm(title, { stakeholderIds: pickedIn(html), intent: 'save' }), { cookie });
    expect(saved.status).toBe(303);
    const row = (await testDeps().db.select().from(rounds).where(eq(rounds.title, title)).get())!;
    expect(row.audience.stakeholderIds).toEqual(people.slice(0, PICKER_PAGE_SIZE).map((p) => p.id));
  });

  it('says when nothing matches, refuses a search over the length limit naming it, and never adds an unknown id', async () => {
    const { cookie } = await signedInAs('organizer');
    const title = `手选-${uniqueTag()}`;
    const none = await (await postForm('/rounds', roundForm(title, { pickQuery: `没有这个人${uniqueTag()}`, pickSearch: '1' }), { cookie })).text();
    expect(none).toContain('没有找到匹配的征求对象。');

    const long = await postForm('/rounds', roundForm(title, { pickQuery: '长'.repeat(101), pickSearch: '1' }), { cookie });
    expect(long.status).toBe(422);
    expect(await long.text()).toContain('100');

    const unknown = await (await postForm('/rounds', roundForm(title, { pickAdd: '01UNKNOWNSTAKEHOLDER000000' }), { cookie })).text();
    expect(pickedIn(unknown)).toEqual([]);
  });

  it('invites hand-picked people to a meeting through the same search', async () => {
    const organization = `早餐单位${uniqueTag()}`;
    const [person] = await aDirectory(1, organization);
    const { meetingId } = await aMeetingWithInvitees(testDeps(), 0);
    const { cookie } = await signedInAs('organizer');
    const form = await (await request(`/meetings/${meetingId}/invite`, { headers: { cookie } })).text();
    expect(form).toContain('name="pickQuery"');
    expect(form).not.toContain('multiple');

    const found = await (await postForm(`/meetings/${meetingId}/invitations`, { tags: '', pickQuery: organization, pickSearch: '1' }, { cookie })).text();
    expect(found).toContain(`value="${person!.id}"`);
    expect(await attendeesOf(meetingId)).toHaveLength(0);
    const added = await (await postForm(`/meetings/${meetingId}/invitations`, { tags: '', pickQuery: organization, pickShown: '1', pickAt: '0', pickAdd: person!.id }, { cookie })).text();
    expect(pickedIn(added)).toEqual([person!.id]);
    const invited = await postForm(`/meetings/${meetingId}/invitations`, { tags: '', stakeholderIds: pickedIn(added) }, { cookie });
    expect(invited.headers.get('location')).toContain('invited=1');
    expect((await attendeesOf(meetingId)).map((a) => a.stakeholderId)).toEqual([person!.id]);
  });
});
