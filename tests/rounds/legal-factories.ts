/** A round on a legal-text fixture, created through the service as an organizer would, then moved to a status. */
import { eq } from 'drizzle-orm';
import { rounds } from '../../src/db/schema';
import { createRound, loadRound } from '../../src/features/rounds/service';
import type { RoundStatus } from '../../src/db/schema';
import { daysFromNow, testDeps } from '../helpers';
import measure from '../fixtures/draft-measure.txt?raw';

export async function aLegalRound(options: { draft?: string; status?: RoundStatus; title?: string } = {}) {
  const deps = testDeps();
  const created = await createRound(deps, null, {
    title: options.title ?? '科创载体认定和管理办法征求意见',
    purpose: '',
    draft: options.draft ?? measure,
    opensAt: daysFromNow(-20),
    closesAt: daysFromNow(10),
    contactName: '张老师',
    contactPhone: '021-52380000',
    contactAddress: '长宁路 1 号',
    audience: { categories: ['department'], tags: [], stakeholderIds: [] },
  });
  if (!created.ok) throw new Error(created.error);
  const status = options.status ?? 'open';
  if (status !== 'draft') {
    await deps.db
      .update(rounds)
      .set({ status, openedAt: daysFromNow(-20), closedAt: status === 'closed' ? daysFromNow(-1) : null })
      .where(eq(rounds.id, created.value.id));
  }
  const round = (await loadRound(deps, created.value.id))!;
  return { ...round, section: (label: string) => round.sections.find((s) => s.number === label)! };
}
