/** Working days in Asia/Shanghai: Monday to Friday. */
import { DAY_MS, HOUR_MS } from './clock';

const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/**
 * The end (23:59:59.999, Shanghai time) of the `days`-th working day after the Shanghai calendar day of `from`.
 * Public holidays and the weekend days worked in their place (调休) are not known here: counting them as
 * ordinary days can only make a due date earlier than the law requires, never later.
 */
export function endOfWorkingDaysAfter(from: Date, days: number): Date {
  // Shanghai keeps no daylight saving time: shifting by +8 h turns UTC calendar arithmetic into Shanghai's.
  let day = Math.floor((from.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
  let counted = 0;
  while (counted < days) {
    day += 1;
    const weekday = new Date(day * DAY_MS).getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted += 1;
  }
  return new Date((day + 1) * DAY_MS - SHANGHAI_OFFSET_MS - 1);
}
