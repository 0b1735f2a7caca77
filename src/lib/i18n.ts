/** The message catalog's runtime: zh-CN first, English second; every user-facing string goes through here. */
import { catalog, type MessageKey } from '../i18n/catalog';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'lang';

export type MessageParams = Record<string, string | number>;
export type Translator = (key: MessageKey, params?: MessageParams) => string;
export type { MessageKey };

const placeholderRe = /\{(\w+)\}/g;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalog[locale][key] ?? catalog[DEFAULT_LOCALE][key] ?? key;
  if (!params) return template;
  return template.replace(placeholderRe, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const translatorLocales = new WeakMap<Translator, Locale>();

export function createTranslator(locale: Locale): Translator {
  const t: Translator = (key, params) => translate(locale, key, params);
  translatorLocales.set(t, locale);
  return t;
}

/** The locale a translator of createTranslator speaks (undefined for any other function). */
export function localeOf(t: Translator): Locale | undefined {
  return translatorLocales.get(t);
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** `12,000` / `12,000`: one formatter per locale, built once (building one is costlier than using it many times). */
export function formatCount(n: number, locale: Locale): string {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(n);
}

/** A remembered choice wins; then the browser's Accept-Language; then zh-CN. */
export function negotiateLocale(cookieValue: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part) => {
        const [tag = '', ...rest] = part.trim().split(';');
        const q = rest.find((p) => p.trim().startsWith('q='));
        return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
      })
      .filter((entry) => entry.tag && entry.q > 0)
      .sort((a, b) => b.q - a.q);
    for (const { tag } of ranked) {
      if (tag.startsWith('zh')) return 'zh-CN';
      if (tag.startsWith('en')) return 'en';
    }
  }
  return DEFAULT_LOCALE;
}
