/**
 * Counts D1 round trips for the benchmark: every statement execution (first, all, run, raw) and every batch or exec
 * is one trip to the database. Switched on by COUNT_D1_QUERIES=1 in bench builds and tests, never in production;
 * the app then answers with the count in D1_QUERIES_HEADER.
 */

export const D1_QUERIES_HEADER = 'x-roundtable-d1-queries';
/** Milliseconds the request spent waiting for D1 (workerd's clock moves on I/O, so this is the database's share). */
export const D1_MS_HEADER = 'x-roundtable-d1-ms';

export type D1Counter = { trips: number; waitMs: number };

/** One round trip, counted and timed. */
function trip<T>(counter: D1Counter, call: () => Promise<T>): Promise<T> {
  counter.trips += 1;
  const started = Date.now();
  return call().finally(() => {
    counter.waitMs += Date.now() - started;
  });
}

/** Whether this environment counts: only when asked to, and never in production (which is what an unset ENVIRONMENT means). */
export function countsD1Queries(env: { COUNT_D1_QUERIES?: string; ENVIRONMENT?: string }): boolean {
  return env.COUNT_D1_QUERIES === '1' && Boolean(env.ENVIRONMENT) && env.ENVIRONMENT !== 'production';
}

class CountedStatement implements D1PreparedStatement {
  constructor(
    readonly inner: D1PreparedStatement,
    private readonly counter: D1Counter,
  ) {}

  bind(...values: unknown[]): D1PreparedStatement {
    return new CountedStatement(this.inner.bind(...values), this.counter);
  }

  // The overloads of first and raw are D1's own; this passes their arguments through.
  first(...args: [string?]): Promise<never> {
    return trip(this.counter, () => (this.inner.first as (...a: unknown[]) => Promise<never>)(...args));
  }

  run<T>(): Promise<D1Result<T>> {
    return trip(this.counter, () => this.inner.run<T>());
  }

  all<T>(): Promise<D1Result<T>> {
    return trip(this.counter, () => this.inner.all<T>());
  }

  raw(...args: [{ columnNames?: boolean }?]): Promise<never> {
    return trip(this.counter, () => (this.inner.raw as (...a: unknown[]) => Promise<never>)(...args));
  }
}

/** D1 runs only its own statements in a batch: counted ones are unwrapped first. */
const unwrap = (statement: D1PreparedStatement) => (statement instanceof CountedStatement ? statement.inner : statement);

class CountedDatabase implements D1Database {
  constructor(
    private readonly inner: D1Database,
    private readonly counter: D1Counter,
  ) {}

  prepare(query: string): D1PreparedStatement {
    return new CountedStatement(this.inner.prepare(query), this.counter);
  }

  batch<T>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
    return trip(this.counter, () => this.inner.batch<T>(statements.map(unwrap)));
  }

  exec(query: string): Promise<D1ExecResult> {
    return trip(this.counter, () => this.inner.exec(query));
  }

  withSession(constraintOrBookmark?: D1SessionBookmark | D1SessionConstraint): D1DatabaseSession {
    const session = this.inner.withSession(constraintOrBookmark);
    const counter = this.counter;
    return {
      prepare: (query: string) => new CountedStatement(session.prepare(query), counter),
      batch: <T>(statements: D1PreparedStatement[]) => {
        return trip(counter, () => session.batch<T>(statements.map(unwrap)));
      },
      getBookmark: () => session.getBookmark(),
    };
  }

  dump(): Promise<ArrayBuffer> {
    return trip(this.counter, () => this.inner.dump());
  }
}

/** The binding with every round trip counted in `counter`. */
export function countingD1(d1: D1Database, counter: D1Counter): D1Database {
  return new CountedDatabase(d1, counter);
}
