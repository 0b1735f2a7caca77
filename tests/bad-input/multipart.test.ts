/** Form bodies that cannot be read answer 400 with the usual error, on every public and staff form, never 500. */
import { describe, expect, it } from 'vitest';
import { BASE_URL, bearerFor, daysFromNow, request, signedInAs, testDeps } from '../helpers';
import { aRound, anInvitation } from '../feedback/factories';
import { aMeetingWithInvitees } from '../meetings/factories';

const BOUNDARY = '----roundtable-test-boundary';
const multipart = `multipart/form-data; boundary=${BOUNDARY}`;

/** Bodies a broken client, a proxy that cut the upload short, or a forger sends. */
const MALFORMED: { name: string; contentType: string; body: string }[] = [
  { name: 'no closing boundary', contentType: multipart, body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="email"\r\n\r\na@example.com\r\n` },
  { name: 'a boundary that never appears', contentType: multipart, body: 'email=a@example.com' },
  { name: 'no boundary parameter', contentType: 'multipart/form-data', body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="email"\r\n\r\na\r\n--${BOUNDARY}--\r\n` },
  {
    name: 'a CR/LF inside a part header',
    contentType: multipart,
    body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="em\r\nail"\r\n\r\na@example.com\r\n--${BOUNDARY}--\r\n`,
  },
  { name: 'a part without headers', contentType: multipart, body: `--${BOUNDARY}\r\n\r\nx\r\n--${BOUNDARY}--\r\n` },
];

function postRaw(path: string, contentType: string, body: string, headers: Record<string, string> = {}) {
  return request(path, { method: 'POST', body, headers: { origin: BASE_URL, 'content-type': contentType, ...headers } });
}

describe('malformed form bodies', () => {
  it.each(MALFORMED)('$name on the sign-in form is a 400 page saying the form could not be read', async ({ contentType, body }) => {
    const res = await postRaw('/auth/sign-in', contentType, body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('提交的表单无法读取');
  });

  it('every public form answers 400, not 500: verify, feedback, autosave, open link, RSVP', async () => {
    const openToken = `open-${crypto.randomUUID()}`;
    const link = await anInvitation(await aRound({ openLinkToken: openToken }));
    const { tokens } = await aMeetingWithInvitees(testDeps(), 1, { startsAt: daysFromNow(10, '07:30') });
    const paths = ['/auth/verify', link.path, `${link.path}/autosave`, `/o/${openToken}`, `/m/${tokens[0]}`];
    for (const path of paths) {
      for (const { name, contentType, body } of MALFORMED) {
        const res = await postRaw(path, contentType, body);
        expect(res.status, `${path}: ${name}`).toBe(400);
      }
    }
  });

  it('a staff form answers 400 with the page; the JSON API answers 400 with the usual error body', async () => {
    const { cookie } = await signedInAs('organizer');
    const page = await postRaw('/stakeholders', MALFORMED[0]!.contentType, MALFORMED[0]!.body, { cookie });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('提交的表单无法读取');
    const { authorization } = await bearerFor('organizer');
    const api = await request('/api/v1/stakeholders/import', { method: 'POST', body: MALFORMED[3]!.body, headers: { 'content-type': multipart, authorization } });
    expect(api.status).toBe(400);
    expect(await api.json()).toMatchObject({ error: { code: 'malformed_body', message: expect.stringContaining('提交的表单无法读取') } });
  });
});
