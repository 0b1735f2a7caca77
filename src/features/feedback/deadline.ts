/** The deadline as a stakeholder reads it: the weekday in Beijing, and how many calendar days are left. */
import { DAY_MS } from '../../lib/clock';
import type { Locale, Translator } from '../../lib/i18n';
import { formatDate, formatTime, shanghaiDateStamp } from '../../lib/time';

const shanghaiDayNumber = (date: Date) => Date.parse(shanghaiDateStamp(date)) / DAY_MS;

/** Calendar days in Shanghai from `now` to `closesAt`: 0 on the closing day itself, whatever the hour. */
export function daysLeft(closesAt: Date, now: Date): number {
  return shanghaiDayNumber(closesAt) - shanghaiDayNumber(now);
}

/** 0 (Sunday) to 6 in Shanghai. */
export function shanghaiWeekday(date: Date): 0 | 1 | 2 | 3 | 4 | 5 | 6 {
  return new Date(Date.parse(shanghaiDateStamp(date))).getUTCDay() as 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

/** `2026年11月25日（星期三）17:00（北京时间）`; in English `Wednesday 2026-11-25, 17:00 (Beijing time)`. */
export function deadlineText(t: Translator, locale: Locale, closesAt: Date): string {
  const date = locale === 'en' ? shanghaiDateStamp(closesAt) : formatDate(closesAt, locale);
  return t('feedback.deadline.when', { date, weekday: t(`feedback.weekday.${shanghaiWeekday(closesAt)}`), time: formatTime(closesAt, locale) });
}

/** `还剩 12 天`, `明天截止`, `今天截止`. */
export function daysLeftText(t: Translator, closesAt: Date, now: Date): string {
  const days = Math.max(0, daysLeft(closesAt, now));
  if (days === 0) return t('feedback.deadline.today');
  if (days === 1) return t('feedback.deadline.tomorrow');
  return t('feedback.deadline.daysLeft', { days });
}
