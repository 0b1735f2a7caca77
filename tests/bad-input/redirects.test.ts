/** Redirect targets (`next`): only same-site paths; anything else falls back to `/`, and no value gives a 500. */
import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from '../../src/lib/http';
import { request, signedInAs } from '../helpers';

/** `next` values as they arrive in a query string (percent-encoded) that a browser would follow off-site, or that break a header. */
const OFF_SITE_OR_BROKEN = [
  '/%09/evil.test',
  '/%0a/evil.test',
  '/%0d/evil.test',
  '/%5Cevil.test',
  '/%5C%5Cevil.test',
  '//evil.test',
  '/%2F/evil.test',
  'https://evil.test/',
  '%2F%2Fevil.test',
  '/rounds%0d%0aSet-Cookie:%20session=stolen',
  '/rounds%00',
  '/%20/evil.test',
];

describe('redirect targets', () => {
  it.each(OFF_SITE_OR_BROKEN)('the language switch sends next=%s home, not off-site and never with a 500', async (next) => {
    const res = await request(`/lang/en?next=${next}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
  });

  it('keeps a same-site path with its query and fragment, percent-encoding what a header cannot carry', async () => {
    expect((await request(`/lang/en?next=${encodeURIComponent('/rounds?tab=open#list')}`)).headers.get('location')).toBe('/rounds?tab=open#list');
    const chinese = await request(`/lang/zh-CN?next=${encodeURIComponent('/stakeholders?q=张三')}`);
    expect(chinese.status).toBe(303);
    expect(chinese.headers.get('location')).toBe('/stakeholders?q=%E5%BC%A0%E4%B8%89');
  });

  it('a signed-in visitor sent to the sign-in page with a tab-smuggled next stays on this site', async () => {
    const { cookie } = await signedInAs('viewer');
    const res = await request('/auth/sign-in?next=/%09/evil.test', { headers: { cookie } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
  });

  it('decoded values with a tab, line break, NUL or backslash are refused rather than cleaned into another path', () => {
    for (const value of ['/\t/evil.test', '/\r\n/x', '/a\u0000', '/\\evil.test', '/ok\\..\\x']) expect(safeRedirectPath(value)).toBe('/');
    expect(safeRedirectPath('/meetings/01ABC?done=1')).toBe('/meetings/01ABC?done=1');
  });
});
