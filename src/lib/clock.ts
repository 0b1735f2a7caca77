/** Time as a dependency: services take a clock so that tests can fix it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Carries the test's clock into the app that `SELF.fetch` reaches; read only when ENVIRONMENT is `test`. */
export const TEST_NOW_HEADER = 'x-roundtable-test-now';

type ClockEnv = { ENVIRONMENT?: string; TEST_CLOCK_SHIFT_MS?: string };

/** A clock running from `start` at the system's pace. */
export function clockFrom(start: Date): Clock {
  const offset = start.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

/**
 * The clock of one Worker invocation. Outside the test environment it is the system's, whatever a request says.
 * In tests it starts at the instant the test sent (TEST_NOW_HEADER), else runs shifted by TEST_CLOCK_SHIFT_MS,
 * so that the whole suite can be run years ahead to prove that nothing in it expires.
 */
export function environmentClock(env: ClockEnv, testNow?: string | null): Clock {
  if (env.ENVIRONMENT !== 'test') return systemClock;
  if (testNow) {
    const start = new Date(testNow);
    if (!Number.isNaN(start.getTime())) return clockFrom(start);
  }
  const shift = Number(env.TEST_CLOCK_SHIFT_MS ?? 0) || 0;
  return shift === 0 ? systemClock : () => new Date(Date.now() + shift);
}
