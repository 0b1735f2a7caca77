import { describe, expect, it } from 'vitest';
import type { StaffRole } from '../src/db/schema';
import { postForm, request, signedInAs } from './helpers';

const cases: { path: string; allowed: Record<StaffRole, boolean> }[] = [
  { path: '/settings', allowed: { viewer: true, organizer: true, admin: true } },
  { path: '/settings/staff', allowed: { viewer: false, organizer: false, admin: true } },
  { path: '/settings/audit', allowed: { viewer: false, organizer: false, admin: true } },
  { path: '/settings/office', allowed: { viewer: false, organizer: false, admin: true } },
  { path: '/api/v1/me', allowed: { viewer: true, organizer: true, admin: true } },
];

describe('who may open the settings pages', () => {
  for (const { path, allowed } of cases) {
    for (const role of ['viewer', 'organizer', 'admin'] as const) {
      it(`${role} ${allowed[role] ? 'gets 200' : 'gets 403'} on GET ${path}`, async () => {
        const { cookie } = await signedInAs(role);
        expect((await request(path, { headers: { cookie } })).status).toBe(allowed[role] ? 200 : 403);
      });
    }
    it(`anonymous visitors cannot open ${path}`, async () => {
      expect([303, 401]).toContain((await request(path)).status);
    });
  }

  for (const role of ['viewer', 'organizer'] as const) {
    it(`${role} cannot add staff or change a role`, async () => {
      const { staff, cookie } = await signedInAs(role);
      expect((await postForm('/settings/staff', { email: 'x@example.gov.cn', name: 'X', role: 'admin' }, { cookie })).status).toBe(403);
      expect((await postForm(`/settings/staff/${staff.id}`, { role: 'admin' }, { cookie })).status).toBe(403);
    });
  }
});
