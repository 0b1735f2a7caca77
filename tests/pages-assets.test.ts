import { describe, expect, it } from 'vitest';
import { SCRIPT_FILES } from '../src/ui/assets';
import { formatDateTime } from '../src/lib/time';
import { daysFromNow, linkedScript, request } from './helpers';

const stylesheetLinkRe = /<link rel="stylesheet" href="([^"]+)"\/>/g;
const scriptRe = /<script src="([^"]+)"/g;
const hashedCssRe = /^\/assets\/app\.[0-9a-f]{16}\.css$/;
const hashedJsRe = /^\/assets\/app\.[0-9a-f]{16}\.js$/;

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

describe('one stylesheet and one script per page, cached for good', () => {
  it('links a single content-named stylesheet and script instead of a chain of @imports', async () => {
    const html = await (await request('/auth/sign-in')).text();
    const stylesheets = [...html.matchAll(stylesheetLinkRe)].map((m) => m[1]);
    const scripts = [...html.matchAll(scriptRe)].map((m) => m[1]);
    expect(stylesheets).toHaveLength(1);
    expect(scripts).toHaveLength(1);
    expect(stylesheets[0]).toMatch(hashedCssRe);
    expect(scripts[0]).toMatch(hashedJsRe);
  });

  it('serves the stylesheet with every feature sheet inlined and no @import left, immutable for a year', async () => {
    const html = await (await request('/auth/sign-in')).text();
    const href = [...html.matchAll(stylesheetLinkRe)][0]![1]!;
    const res = await request(href);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const css = await res.text();
    expect(css).not.toContain('@import');
    // One rule from app.css itself and one from each of two imported sheets.
    expect(css).toContain('--brand:');
    expect(css).toContain('.fb-section');
    expect(css).toContain('.check-in-card');
    // The imports come first, as the browser would have applied them.
    expect(css.indexOf('.fb-section')).toBeLessThan(css.indexOf('--brand:'));
  });

  it('serves one script holding every page script, immutable for a year', async () => {
    const html = await (await request('/auth/sign-in')).text();
    const js = await linkedScript(html);
    for (const file of SCRIPT_FILES) expect(js).toContain(`/* ${file} */`);
    const src = [...html.matchAll(scriptRe)][0]![1]!;
    const res = await request(src);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers a name whose hash is not the current content with a 404, not with other content', async () => {
    const res = await request('/assets/app.0000000000000000.css');
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control') ?? '').not.toContain('immutable');
  });

  it('keeps the same names from one page to the next, so a phone downloads them once', async () => {
    const names = async (path: string) => [...(await (await request(path)).text()).matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(await names('/auth/sign-in')).toEqual(await names('/f/no-such-token'));
  });
});
