import { and, eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { outbox, rounds } from '../../src/db/schema';
import { setDisposition } from '../../src/features/opinions/service';
import { publishRound } from '../../src/features/publication/service';
import { request, signedInAs, testDeps } from '../helpers';
import { anInvitation, anOnlineResponse } from '../opinions/factories';
import { aLegalRound } from './legal-factories';

/** The article's label as each page must show it; a bare position (the 7th unit) must appear nowhere. */
const label = '第七条';

describe('sections named by their label everywhere', () => {
  it('shows 第七条 on the stakeholder page, the board, triage, the summary and its export, the reply letter, the public page and the email', async () => {
    const round = await aLegalRound({ status: 'open' });
    const article = round.section(label);
    expect(article.position).toBe(6);
    const invitation = await anInvitation(round);
    const stakeholderPage = await (await request(invitation.path)).text();
    expect(stakeholderPage).toContain(`<span class="fb-number">${label}</span>`);

    const { opinionIds } = await anOnlineResponse(round, { publication: 'name_and_unit', name: '王芳', organization: '区商务委', texts: [{ sectionId: article.id, text: '公示期七日偏短，建议延长至十日。' }] });
    const { cookie } = await signedInAs('organizer');
    for (const path of [`/rounds/${round.id}`, `/rounds/${round.id}/triage`, `/rounds/${round.id}/summary`]) {
      const html = await (await request(path, { headers: { cookie } })).text();
      expect(html, path).toContain(label);
    }
    const csv = await (await request(`/rounds/${round.id}/summary.csv`, { headers: { cookie } })).text();
    expect(csv).toContain(label);

    const deps = testDeps();
    await setDisposition(deps, null, opinionIds[0]!, { disposition: 'adopted', reply: '已采纳。' });
    const letter = new Uint8Array(await (await request(`/rounds/${round.id}/reply-letter.docx`, { headers: { cookie } })).arrayBuffer());
    expect(strFromU8(unzipSync(letter)['word/document.xml']!)).toContain(label);

    await deps.db.update(rounds).set({ status: 'closed', closedAt: deps.clock() }).where(eq(rounds.id, round.id));
    expect((await publishRound(deps, null, round.id, {})).ok).toBe(true);
    expect(await (await request(`/p/${round.id}`)).text()).toContain(label);
    const mail = await deps.db.select().from(outbox).where(and(eq(outbox.roundId, round.id), eq(outbox.kind, 'dispositions_published'))).get();
    expect(mail!.text).toContain(label);
  });
});

