/**
 * The authorization matrix: anonymous / viewer / organizer / admin × every staff route. A route's guard must answer
 * before anything else happens, so unknown ids and empty bodies are enough to tell allowed from refused.
 */
import { describe, expect, it } from 'vitest';
import type { StaffRole } from '../src/db/schema';
import { createApp } from '../src/app';
import { BASE_URL, request, signedInAs } from './helpers';

type Minimum = StaffRole;
type Route = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; minimum: Minimum };

const UNKNOWN = '01JZZZZZZZZZZZZZZZZZZZZZZZ';

/** Every staff route with the least role that may use it. `:param`s are filled with an unknown id. */
const STAFF_ROUTES: Route[] = [
  { method: 'GET', path: '/stakeholders', minimum: 'viewer' },
  { method: 'GET', path: '/stakeholders/:id', minimum: 'viewer' },
  { method: 'GET', path: '/stakeholders/export.csv', minimum: 'viewer' },
  { method: 'GET', path: '/stakeholders/new', minimum: 'organizer' },
  { method: 'POST', path: '/stakeholders', minimum: 'organizer' },
  { method: 'GET', path: '/stakeholders/:id/edit', minimum: 'organizer' },
  { method: 'POST', path: '/stakeholders/:id', minimum: 'organizer' },
  { method: 'GET', path: '/stakeholders/:id/erase', minimum: 'organizer' },
  { method: 'POST', path: '/stakeholders/:id/erase', minimum: 'organizer' },
  { method: 'GET', path: '/stakeholders/erasure-requests', minimum: 'viewer' },
  { method: 'POST', path: '/stakeholders/bulk', minimum: 'organizer' },
  { method: 'GET', path: '/stakeholders/import', minimum: 'organizer' },
  { method: 'POST', path: '/stakeholders/import', minimum: 'organizer' },
  { method: 'POST', path: '/stakeholders/import/confirm', minimum: 'organizer' },
  { method: 'GET', path: '/mail', minimum: 'viewer' },
  { method: 'GET', path: '/mail/:id', minimum: 'viewer' },
  { method: 'POST', path: '/mail/:id/retry', minimum: 'organizer' },
  { method: 'GET', path: '/rounds/:id/mail', minimum: 'viewer' },
  { method: 'POST', path: '/rounds/:id/mail/retry-failed', minimum: 'organizer' },
  { method: 'GET', path: '/api/v1/rounds/:id/mail-progress', minimum: 'viewer' },
  { method: 'POST', path: '/api/v1/rounds/:id/mail/retry-failed', minimum: 'organizer' },
  { method: 'GET', path: '/api/v1/rounds/:id/versions', minimum: 'viewer' },
  { method: 'POST', path: '/api/v1/rounds/:id/versions', minimum: 'organizer' },
  { method: 'GET', path: '/api/v1/rounds/:id/versions/:a/diff/:b', minimum: 'viewer' },
  { method: 'POST', path: '/api/v1/rounds/:id/responses/import', minimum: 'organizer' },
  { method: 'GET', path: '/api/v1/inbound', minimum: 'viewer' },
  { method: 'POST', path: '/api/v1/inbound/:id/confirm', minimum: 'organizer' },
  { method: 'GET', path: '/rounds/:id/inbound', minimum: 'viewer' },
  { method: 'POST', path: '/rounds/:id/inbound/upload', minimum: 'organizer' },
  { method: 'POST', path: '/rounds/:id/inbound/:itemId/confirm', minimum: 'organizer' },
  { method: 'POST', path: '/rounds/:id/inbound/setting', minimum: 'organizer' },
  { method: 'PUT', path: '/api/v1/rounds/:id/feedback-form', minimum: 'organizer' },
  { method: 'GET', path: '/inbound', minimum: 'viewer' },
  { method: 'GET', path: '/inbound/:itemId/files/:n', minimum: 'viewer' },
  { method: 'GET', path: '/inbound/:itemId/original.eml', minimum: 'viewer' },
  { method: 'GET', path: '/settings', minimum: 'viewer' },
  { method: 'POST', path: '/settings/profile', minimum: 'viewer' },
  { method: 'POST', path: '/settings/sessions/revoke-others', minimum: 'viewer' },
  { method: 'POST', path: '/settings/tokens', minimum: 'viewer' },
  { method: 'POST', path: '/settings/tokens/:id/revoke', minimum: 'viewer' },
  { method: 'GET', path: '/settings/staff', minimum: 'admin' },
  { method: 'POST', path: '/settings/staff', minimum: 'admin' },
  { method: 'POST', path: '/settings/staff/:id', minimum: 'admin' },
  { method: 'GET', path: '/settings/audit', minimum: 'admin' },
  { method: 'GET', path: '/settings/office', minimum: 'admin' },
  { method: 'POST', path: '/settings/office', minimum: 'admin' },
  { method: 'GET', path: '/api/v1/me', minimum: 'viewer' },
  { method: 'GET', path: '/api/v1/stakeholders', minimum: 'viewer' },
  { method: 'GET', path: '/api/v1/stakeholders/:id', minimum: 'viewer' },
  { method: 'POST', path: '/api/v1/stakeholders', minimum: 'organizer' },
  { method: 'PATCH', path: '/api/v1/stakeholders/:id', minimum: 'organizer' },
  { method: 'POST', path: '/api/v1/stakeholders/import', minimum: 'organizer' },
  { method: 'POST', path: '/api/v1/stakeholders/bulk', minimum: 'organizer' },
  { method: 'POST', path: '/api/v1/stakeholders/:id/erase', minimum: 'organizer' },
  { method: 'GET', path: '/api/v1/mail', minimum: 'viewer' },
  { method: 'GET', path: '/rounds', minimum: 'viewer' },
  { method: 'GET', path: '/rounds/new', minimum: 'organizer' },
  { method: 'POST', path: '/rounds', minimum: 'organizer' },
  { method: 'GET', path: '/rounds/contacts/:stakeholderId', minimum: 'viewer' },
  { method: 'GET', path: '/rounds/:id', minimum: 'viewer' },
  { method: 'GET', path: '/rounds/:id/edit', minimum: 'organizer' },
  { method: 'POST', path: '/rounds/:id', minimum: 'organizer' },
  { method: 'GET', path: '/rounds/:id/open', minimum: 'organizer' },
  { method: 'POST', path: '/rounds/:id/open', minimum: 'organizer' },
  { method: 'POST', path: '/rounds/:id/schedule', minimum: 'organizer' },
  { method: 'POST', path: '/rounds/:id/unschedule', minimum: 'organizer' },
  { method: 'POST', path: '/rounds/:id/close', minimum: 'organizer' },
  { method: 'POST', path: '/rounds/:id/reopen', minimum: 'organizer' },
  { method: 'POST', path: '/rounds/:id/copy', minimum: 'organizer' },
  { method: 'GET', path: '/rounds/:id/audience', minimum: 'viewer' },
  { method: 'POST', path: '/rounds/:id/invitations', minimum: 'organizer' },
  { method: 'POST', path: '/rounds/:id/invitations/:invitationId/revoke', minimum: 'organizer' },
  { method: 'POST', path: '/rounds/:id/invitations/:invitationId/reissue', minimum: 'organizer' },
  { method: 'POST', path: '/rounds/:id/reminders', minimum: 'organizer' },
  { method: 'GET', path: '/rounds/:id/responses/:responseId', minimum: 'viewer' },
  { method: 'GET', path: '/rounds/:id/attachments/:attachmentId', minimum: 'viewer' },
  { method: 'GET', path: '/rounds/:id/opinions/new', minimum: 'organizer' },
  { method: 'POST', path: '/rounds/:id/opinions', minimum: 'organizer' },
  { method: 'POST', path: '/rounds/:id/open-link', minimum: 'organizer' },
  { method: 'POST', path: '/rounds/:id/open-link/disable', minimum: 'organizer' },
  { method: 'GET', path: '/rounds/:id/versions', minimum: 'viewer' },
  { method: 'GET', path: '/rounds/:id/summary/changes.xlsx', minimum: 'viewer' },
  { method: 'GET', path: '/rounds/:id/summary/changes.docx', minimum: 'viewer' },
  { method: 'POST', path: '/rounds/:id/versions', minimum: 'organizer' },
  { method: 'GET', path: '/api/v1/rounds', minimum: 'viewer' },
  { method: 'POST', path: '/api/v1/rounds', minimum: 'organizer' },
  { method: 'GET', path: '/api/v1/rounds/:id', minimum: 'viewer' },
  { method: 'POST', path: '/api/v1/rounds/:id/open', minimum: 'organizer' },
  { method: 'POST', path: '/api/v1/rounds/:id/schedule', minimum: 'organizer' },
  { method: 'POST', path: '/api/v1/rounds/:id/close', minimum: 'organizer' },
  { method: 'GET', path: '/api/v1/rounds/:id/invitations', minimum: 'viewer' },
  { method: 'POST', path: '/api/v1/rounds/:id/invitations', minimum: 'organizer' },
  { method: 'POST', path: '/api/v1/rounds/:id/invitations/:invitationId/revoke', minimum: 'organizer' },
  { method: 'POST', path: '/api/v1/rounds/:id/invitations/:invitationId/reissue', minimum: 'organizer' },
  { method: 'POST', path: '/api/v1/rounds/:id/reminders', minimum: 'organizer' },
  { method: 'GET', path: '/api/v1/rounds/:id/stats', minimum: 'viewer' },
  { method: 'GET', path: '/api/v1/rounds/:id/opinions', minimum: 'viewer' },
  { method: 'POST', path: '/api/v1/rounds/:id/opinions', minimum: 'organizer' },
  { method: 'GET', path: '/rounds/:id/triage', minimum: 'viewer' },
  { method: 'POST', path: '/rounds/:id/triage', minimum: 'organizer' },
  { method: 'GET', path: '/rounds/:id/opinions/:opinionId', minimum: 'viewer' },
  { method: 'POST', path: '/rounds/:id/opinions/:opinionId', minimum: 'organizer' },
  { method: 'POST', path: '/rounds/:id/opinions/:opinionId/redaction', minimum: 'organizer' },
  { method: 'GET', path: '/rounds/:id/templates', minimum: 'organizer' },
  { method: 'POST', path: '/rounds/:id/templates', minimum: 'organizer' },
  { method: 'POST', path: '/rounds/:id/templates/:templateId', minimum: 'organizer' },
  { method: 'POST', path: '/rounds/:id/templates/:templateId/delete', minimum: 'organizer' },
  { method: 'GET', path: '/rounds/:id/publish', minimum: 'organizer' },
  { method: 'POST', path: '/rounds/:id/publish', minimum: 'organizer' },
  { method: 'POST', path: '/rounds/:id/unpublish', minimum: 'organizer' },
  { method: 'PATCH', path: '/api/v1/opinions/:id', minimum: 'organizer' },
  { method: 'GET', path: '/api/v1/opinions/:id/history', minimum: 'viewer' },
  { method: 'POST', path: '/api/v1/rounds/:id/opinions/bulk-disposition', minimum: 'organizer' },
  { method: 'GET', path: '/rounds/:id/summary', minimum: 'viewer' },
  { method: 'GET', path: '/rounds/:id/summary.csv', minimum: 'viewer' },
  { method: 'GET', path: '/rounds/:id/summary.xlsx', minimum: 'viewer' },
  { method: 'GET', path: '/rounds/:id/summary.docx', minimum: 'viewer' },
  { method: 'GET', path: '/rounds/:id/reply-letter.docx', minimum: 'viewer' },
  { method: 'GET', path: '/rounds/:id/reply-letters.zip', minimum: 'viewer' },
  { method: 'POST', path: '/rounds/:id/summary/send', minimum: 'organizer' },
  { method: 'GET', path: '/api/v1/rounds/:id/summary', minimum: 'viewer' },
  { method: 'GET', path: '/meetings', minimum: 'viewer' },
  { method: 'GET', path: '/meetings/new', minimum: 'organizer' },
  { method: 'POST', path: '/meetings', minimum: 'organizer' },
  { method: 'GET', path: '/meetings/:id', minimum: 'viewer' },
  { method: 'GET', path: '/meetings/:id/edit', minimum: 'organizer' },
  { method: 'POST', path: '/meetings/:id', minimum: 'organizer' },
  { method: 'POST', path: '/meetings/:id/cancel', minimum: 'organizer' },
  { method: 'POST', path: '/meetings/:id/poll/pick', minimum: 'organizer' },
  { method: 'GET', path: '/meetings/:id/invite', minimum: 'organizer' },
  { method: 'POST', path: '/meetings/:id/invitations', minimum: 'organizer' },
  { method: 'POST', path: '/meetings/:id/attendees/:attendeeId/revoke', minimum: 'organizer' },
  { method: 'POST', path: '/meetings/:id/attendees/:attendeeId/reissue', minimum: 'organizer' },
  { method: 'GET', path: '/meetings/:id/check-in', minimum: 'organizer' },
  { method: 'POST', path: '/meetings/:id/check-in', minimum: 'organizer' },
  { method: 'POST', path: '/meetings/:id/walk-ins', minimum: 'organizer' },
  { method: 'GET', path: '/meetings/:id/minutes', minimum: 'organizer' },
  { method: 'POST', path: '/meetings/:id/minutes', minimum: 'organizer' },
  { method: 'GET', path: '/meetings/:id/sign-in-sheet', minimum: 'viewer' },
  { method: 'GET', path: '/meetings/:id/sign-in-sheet.xlsx', minimum: 'viewer' },
  { method: 'GET', path: '/meetings/:id/attendance.xlsx', minimum: 'viewer' },
  { method: 'GET', path: '/api/v1/meetings', minimum: 'viewer' },
  { method: 'POST', path: '/api/v1/meetings', minimum: 'organizer' },
  { method: 'POST', path: '/api/v1/meetings/:id/attendees/:attendeeId/revoke', minimum: 'organizer' },
  { method: 'POST', path: '/api/v1/meetings/:id/attendees/:attendeeId/reissue', minimum: 'organizer' },
  { method: 'GET', path: '/api/v1/meetings/:id', minimum: 'viewer' },
  { method: 'PATCH', path: '/api/v1/meetings/:id', minimum: 'organizer' },
  { method: 'POST', path: '/api/v1/meetings/:id/cancel', minimum: 'organizer' },
  { method: 'POST', path: '/api/v1/meetings/:id/invitations', minimum: 'organizer' },
  { method: 'GET', path: '/api/v1/meetings/:id/attendees', minimum: 'viewer' },
  { method: 'POST', path: '/api/v1/meetings/:id/check-in', minimum: 'organizer' },
];

/** Routes anyone may call: sign-in, health, assets, language, capability links (their token is the proof). */
const publicPathRe = /^\/($|healthz$|favicon\.ico$|static\/|assets\/|lang\/|auth\/|dev\/|f\/|o\/|m\/|u\/|p\/|webhooks\/|api\/v1\/(openapi\.json$|feedback\/|rsvp\/))/;

const ROLES: StaffRole[] = ['viewer', 'organizer', 'admin'];
const RANK: Record<StaffRole, number> = { viewer: 1, organizer: 2, admin: 3 };

function send(route: Route, headers: Record<string, string>) {
  const path = route.path.replace(/:\w+/g, UNKNOWN);
  const isApi = path.startsWith('/api/');
  const body = route.method === 'GET' ? undefined : isApi ? '{}' : new URLSearchParams();
  return request(path, {
    method: route.method,
    body,
    headers: { origin: BASE_URL, ...(isApi && body ? { 'content-type': 'application/json' } : {}), ...headers },
  });
}

describe('authorization on every staff route', () => {
  it('lists every route the app serves that is not public', () => {
    const served = new Set(
      createApp()
        .routes.filter((r) => r.method !== 'ALL' && !publicPathRe.test(r.path))
        .map((r) => `${r.method} ${r.path}`),
    );
    const listed = new Set(STAFF_ROUTES.map((r) => `${r.method} ${r.path}`));
    expect([...served].filter((route) => !listed.has(route))).toEqual([]);
  });

  it.each(STAFF_ROUTES)('$method $path refuses anonymous callers', async (route) => {
    const res = await send(route, {});
    if (route.method === 'GET' && !route.path.startsWith('/api/')) {
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(/^\/auth\/sign-in\?next=/);
    } else {
      expect(res.status).toBe(401);
    }
  });

  for (const role of ROLES) {
    it.each(STAFF_ROUTES)(`$method $path as ${role}`, async (route) => {
      const { cookie } = await signedInAs(role);
      const res = await send(route, { cookie });
      if (RANK[role] < RANK[route.minimum]) expect(res.status).toBe(403);
      else expect([401, 403]).not.toContain(res.status);
      expect(res.status).toBeLessThan(500);
    });
  }
});
