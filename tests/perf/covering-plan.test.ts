import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { filtersFrom, loadTriagePage } from '../../src/features/opinions/triage';
import { countRoundFigures } from '../../src/features/summaries/figures';
import { summaryOpinionPage } from '../../src/features/summaries/service';
import { createDeps } from '../../src/lib/deps';
import { aBusyRound } from './factories';

type Captured = { sql: string; params: unknown[] };

/** A D1 binding that runs everything as the real one does and keeps each statement with its bound values. */
function capturingD1(captured: Captured[]): D1Database {
  const wrap = (sql: string, inner: D1PreparedStatement, params: unknown[]): D1PreparedStatement => {
    const statement = Object.create(inner) as D1PreparedStatement;
    statement.bind = (...values: unknown[]) => wrap(sql, inner.bind(...values), values);
    for (const method of ['first', 'all', 'run', 'raw'] as const) {
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        captured.push({ sql, params });
        return (inner[method] as (...a: unknown[]) => unknown).apply(inner, args);
      };
    }
    (statement as unknown as { captured: Captured }).captured = { sql, params };
    (statement as unknown as { inner: D1PreparedStatement }).inner = inner;
    return statement;
  };
  return {
    prepare: (sql: string) => wrap(sql, env.DB.prepare(sql), []),
    batch: (statements: D1PreparedStatement[]) => {
      for (const s of statements) captured.push((s as unknown as { captured: Captured }).captured);
      return env.DB.batch(statements.map((s) => (s as unknown as { inner: D1PreparedStatement }).inner));
    },
    exec: (sql: string) => env.DB.exec(sql),
    dump: () => env.DB.dump(),
    withSession: () => {
      throw new Error('not used here');
    },
  } as unknown as D1Database;
}

async function planOf({ sql, params }: Captured): Promise<string> {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>();
  return results.map((row) => row.detail).join('\n');
}

/** Each step of the plan that reads the opinions table (alias o or the bare name). */
const opinionSteps = (plan: string) => plan.split('\n').filter((step) => /\b(SCAN|SEARCH) (opinions|o)\b/.test(step));

async function capture(run: (deps: ReturnType<typeof createDeps>) => Promise<unknown>): Promise<Captured[]> {
  const captured: Captured[] = [];
  await run(createDeps({ ...env, DB: capturingD1(captured) }));
  return captured;
}

describe('the pages staff live in read opinions from covering indexes, never the texts of a whole round', () => {
  // With 12,000 opinions, reading the table rows (texts included) to count or order them took 20–80 ms a statement;
  // the same statements over a covering index take 1–3 ms.
  it('counts the figures (by section, channel, disposition, and who was heard) from an index alone', async () => {
    const { id } = await aBusyRound({ invitees: 5, opinions: 40 });
    const statements = (await capture((deps) => countRoundFigures(deps, [id]))).filter((s) => /opinions/.test(s.sql));
    expect(statements.length).toBeGreaterThanOrEqual(2);
    for (const statement of statements) {
      const steps = opinionSteps(await planOf(statement));
      expect(steps.length, statement.sql).toBeGreaterThan(0);
      // The per-invitee EXISTS check seeks (round, stakeholder); every walk over a round's opinions is covering.
      for (const step of steps) expect(step, statement.sql).toMatch(/COVERING INDEX|opinions_round_stakeholder_idx/);
    }
  });

  it('chooses a triage page, and counts it by disposition, from an index alone; only the page’s rows are read whole', async () => {
    const { id } = await aBusyRound({ invitees: 5, opinions: 40 });
    for (const query of [{}, { channel: 'phone' }, { disposition: 'pending', assignee: 'none' }, { section: 'whole' }]) {
      const statements = await capture((deps) => loadTriagePage(deps, id, filtersFrom(query), 0));
      const page = statements.find((s) => s.sql.includes('WITH page AS'))!;
      const counts = statements.find((s) => s.sql.includes('GROUP BY o.disposition'))!;
      const pagePlan = await planOf(page);
      // The page's rowids come from a covering index; the opinions are then read by rowid, one per row shown.
      const [choose, ...rest] = opinionSteps(pagePlan);
      expect(choose, JSON.stringify(query)).toMatch(/COVERING INDEX/);
      for (const step of rest) expect(step).toMatch(/INTEGER PRIMARY KEY \(rowid=\?\)/);
      for (const step of opinionSteps(await planOf(counts))) expect(step, JSON.stringify(query)).toMatch(/COVERING INDEX/);
    }
  });

  it('chooses a page of the summary’s table from an index alone and reads only that page’s opinions whole', async () => {
    const { id } = await aBusyRound({ invitees: 5, opinions: 40 });
    const [page] = await capture((deps) => summaryOpinionPage(deps, id, 20, 10));
    const [choose, ...rest] = opinionSteps(await planOf(page!));
    expect(choose).toMatch(/COVERING INDEX/);
    for (const step of rest) expect(step).toMatch(/INTEGER PRIMARY KEY \(rowid=\?\)/);
  });
});
