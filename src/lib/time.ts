/** Times are stored in UTC and shown in Asia/Shanghai (UTC+8 all year: China keeps no daylight saving time). */
import type { Locale } from './i18n';

export const TIME_ZONE = 'Asia/Shanghai';
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const localDateTimeRe = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

export function formatDateTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

export function formatDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, year: 'numeric', month: 'long', day: 'numeric' }).format(date);
}

export function formatTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

/** Parses `2026-11-24T07:30` (as a datetime-local field sends it) as Shanghai wall-clock time. */
export function parseShanghaiLocal(value: string): Date | null {
  const match = localDateTimeRe.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)] as const;
  const wallClock = new Date(Date.UTC(...parts));
  // Date.UTC rolls 13/45 over into the next year; a real date reads back the same parts.
  const readBack = [wallClock.getUTCFullYear(), wallClock.getUTCMonth(), wallClock.getUTCDate(), wallClock.getUTCHours(), wallClock.getUTCMinutes(), wallClock.getUTCSeconds()];
  if (readBack.some((value, i) => value !== parts[i])) return null;
  return new Date(wallClock.getTime() - SHANGHAI_OFFSET_MS);
}

/** The value a datetime-local field shows for a date, in Shanghai time. */
export function toShanghaiLocalInput(date: Date): string {
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16);
}

/** `2026-11-24` in Shanghai, for file names. */
export function shanghaiDateStamp(date: Date): string {
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
