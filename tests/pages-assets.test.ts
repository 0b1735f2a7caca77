import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../src/lib/time';
import { daysFromNow, request } from './helpers';

describe('page basics', () => {
  it('every page names a favicon and /favicon.ico answers instead of a 404', async () => {
    const html = await (await request('/auth/sign-in')).text();
    expect(html).toContain('<link rel="icon" href="/static/favicon.svg" type="image/svg+xml"/>');
    const icon = await request('/favicon.ico');
    expect(icon.status).toBe(301);
    expect(icon.headers.get('location')).toBe('/static/favicon.svg');
  });

  it('English dates are unambiguous (2027-01-02 07:30, never 01/02/2027), in Beijing time', () => {
    const date = daysFromNow(5, '07:30');
    const english = formatDateTime(date, 'en');
    expect(english).toMatch(/^\d{4}-\d{2}-\d{2} 07:30$/);
    expect(english).not.toContain('/');
    expect(english.slice(0, 10)).toBe(new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 10));
  });
});
