/** Times are stored in UTC and shown in Asia/Shanghai (UTC+8 all year: China keeps no daylight saving time). */
import type { Locale } from './i18n';

export const TIME_ZONE = 'Asia/Shanghai';
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const localDateTimeRe = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const isoInstantRe = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const dateOnlyRe = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Earlier years are typing mistakes (0000, 0202); Date.UTC would also read years 0-99 as 1900-1999. */
export const YEAR_MIN = 1900;
const OFFSET_HOURS_MAX = 23;
const OFFSET_MINUTES_MAX = 59;
/** A bare date (an opinion heard "on 3 March") is taken as noon in Shanghai, away from both midnights. */
const DATE_ONLY_TIME = 'T12:00';

/** How a date-time may be written: ISO 8601 with an offset, Shanghai wall-clock time (datetime-local), a bare date. */
export type DateTimeFormat = 'offset' | 'local' | 'date';

const FORMATS = {
  dateTime: { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  date: { timeZone: TIME_ZONE, year: 'numeric', month: 'long', day: 'numeric' },
  time: { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

// Building an Intl.DateTimeFormat costs far more than using one (a round page formats thousands of dates), and a
// formatter holds no request state: one per locale and format is kept for the isolate's life.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, format: keyof typeof FORMATS): Intl.DateTimeFormat {
  const key = `${locale}|${format}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, FORMATS[format]);
    formatters.set(key, cached);
  }
  return cached;
}

/** `2027-01-02 07:30` in English: the US default `01/02/2027` reads as 1 February to most of the world. */
export function formatDateTime(date: Date, locale: Locale): string {
  if (locale === 'en') return `${shanghaiDateStamp(date)} ${formatTime(date, locale)}`;
  return formatter(locale, 'dateTime').format(date);
}

export function formatDate(date: Date, locale: Locale): string {
  return formatter(locale, 'date').format(date);
}

export function formatTime(date: Date, locale: Locale): string {
  return formatter(locale, 'time').format(date);
}

/**
 * Milliseconds since the epoch of a calendar date and wall-clock time read as UTC, or null when the parts
 * name no real moment (30 February, 24:00, minute 60, year 0000): Date.UTC would silently roll them over.
 */
function utcWallClock(year: number, month: number, day: number, hour: number, minute: number, second: number, ms = 0): number | null {
  if (year < YEAR_MIN) return null;
  const parts = [year, month - 1, day, hour, minute, second] as const;
  const date = new Date(Date.UTC(...parts, ms));
  const readBack = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()];
  return readBack.every((value, i) => value === parts[i]) ? date.getTime() : null;
}

/** Parses `2026-11-24T07:30` (as a datetime-local field sends it) as Shanghai wall-clock time. */
export function parseShanghaiLocal(value: string): Date | null {
  const match = localDateTimeRe.exec(value.trim());
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const wallClock = utcWallClock(y, mo, d, h, mi, s);
  return wallClock === null ? null : new Date(wallClock - SHANGHAI_OFFSET_MS);
}

/** Parses ISO 8601 with an offset (`2026-11-24T07:30:00+08:00`, `…Z`), refusing dates and offsets that do not exist. */
export function parseIsoInstant(value: string): Date | null {
  const match = isoInstantRe.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, sign, oh, om] = match;
  const ms = fraction ? Number(fraction.padEnd(3, '0')) : 0;
  const wallClock = utcWallClock(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0), ms);
  if (wallClock === null) return null;
  if (!sign) return new Date(wallClock);
  if (Number(oh) > OFFSET_HOURS_MAX || Number(om) > OFFSET_MINUTES_MAX) return null;
  const offsetMs = (Number(oh) * 60 + Number(om)) * 60_000 * (sign === '-' ? -1 : 1);
  return new Date(wallClock - offsetMs);
}

/** Parses a date-time written in one of the accepted formats; null when it is none of them or names no real moment. */
export function parseDateTime(value: string, formats: readonly DateTimeFormat[]): Date | null {
  const text = value.trim();
  if (formats.includes('offset') && isoInstantRe.test(text)) return parseIsoInstant(text);
  if (formats.includes('date') && dateOnlyRe.test(text)) return parseShanghaiLocal(text + DATE_ONLY_TIME);
  if (formats.includes('local')) return parseShanghaiLocal(text);
  return null;
}

/** The value a datetime-local field shows for a date, in Shanghai time. */
export function toShanghaiLocalInput(date: Date): string {
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16);
}

/** Midnight in Shanghai that begins the Shanghai day `date` falls on. */
export function startOfShanghaiDay(date: Date): Date {
  const local = date.getTime() + SHANGHAI_OFFSET_MS;
  const dayMs = 24 * 60 * 60 * 1000;
  return new Date(local - (((local % dayMs) + dayMs) % dayMs) - SHANGHAI_OFFSET_MS);
}

/** `2026-11-24` in Shanghai, for file names. */
export function shanghaiDateStamp(date: Date): string {
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
