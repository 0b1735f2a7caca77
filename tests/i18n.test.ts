import { describe, expect, it } from 'vitest';
import { catalog } from '../src/i18n/catalog';
import { formatDateTime, parseShanghaiLocal, toShanghaiLocalInput } from '../src/lib/time';
import { request } from './helpers';

const cjkRe = /[\u3400-\u9fff]/;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** Keys whose English text is Chinese on purpose: the name of the Chinese language itself, Chinese labels shown as such. */
const chineseInEnglish = new Set(['lang.zh-CN', 'rounds.field.draft.hint']);

describe('languages', () => {
  it('speaks zh-CN by default', async () => {
    const html = await (await request('/auth/sign-in')).text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('登录');
  });

  it('follows the browser’s Accept-Language', async () => {
    const html = await (await request('/auth/sign-in', { headers: { 'accept-language': 'en-US,en;q=0.9,zh;q=0.5' } })).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Staff sign-in');
  });

  it('remembers a chosen language, which wins over Accept-Language, and only returns to paths on this site', async () => {
    const res = await request('/lang/en?next=%2Fauth%2Fsign-in');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/auth/sign-in');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^lang=en;/);
    expect(cookie).toMatch(/Max-Age=31536000/);
    const html = await (await request('/auth/sign-in', { headers: { cookie: 'lang=en', 'accept-language': 'zh-CN' } })).text();
    expect(html).toContain('<html lang="en">');

    const offsite = await request('/lang/zh-CN?next=%2F%2Fevil.example%2F');
    expect(offsite.headers.get('location')).toBe('/');
    const unknown = await request('/lang/fr?next=%2F');
    expect(unknown.headers.get('set-cookie')).toBeNull();
  });

  it('has every message in both languages, with the same placeholders, and English without Chinese', () => {
    const zh = catalog['zh-CN'];
    const en = catalog.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    const problems: string[] = [];
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      if (!zh[key].trim() || !en[key].trim()) problems.push(`${key}: empty`);
      if (placeholders(zh[key]).join() !== placeholders(en[key]).join()) problems.push(`${key}: placeholders differ`);
      if (cjkRe.test(en[key]) && !chineseInEnglish.has(key)) problems.push(`${key}: English has Chinese: ${en[key]}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('times in Asia/Shanghai', () => {
  it('shows UTC instants as Shanghai wall-clock time and reads form input the same way', () => {
    const breakfast = new Date('2026-11-24T23:30:00Z');
    expect(formatDateTime(breakfast, 'zh-CN')).toBe('2026/11/25 07:30');
    expect(toShanghaiLocalInput(breakfast)).toBe('2026-11-25T07:30');
    expect(parseShanghaiLocal('2026-11-25T07:30')?.toISOString()).toBe('2026-11-24T23:30:00.000Z');
    expect(parseShanghaiLocal('2026-13-45T99:00')).toBeNull();
  });
});
