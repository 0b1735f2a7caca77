/** HTTP routes of the settings feature: own profile, sessions, API tokens; staff and audit log for admins; /api/v1/me. */
import { Hono, type Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { AppEnv } from '../../env';
import { LOCALE_COOKIE } from '../../lib/i18n';
import { validate } from '../../lib/validation';
import { loadOffice, saveOffice } from './office';
import { OfficePage } from './office-views';
import { pageContext } from '../../ui/page';
import { listAuditEntries } from '../audit/service';
import { AuditPage } from '../audit/views';
import { requireRole, type CurrentStaff } from '../auth/guard';
import { addStaffSchema, auditFilterSchema, profileSchema, tokenSchema, updateStaffSchema, officeSchema } from './schemas';
import { addStaff, createApiToken, listStaff, loadSettings, revokeApiToken, revokeOtherSessions, updateProfile, updateStaff } from './service';
import { SettingsPage, StaffPage, TokenCreatedPage } from './views';

export const settingsRoutes = new Hono<AppEnv>();

const YEAR_SECONDS = 365 * 24 * 3600;

async function formFields(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') fields[key] = value;
  return fields;
}

/** requireRole ran first, so a staff member is signed in. */
function me(c: Context<AppEnv>): CurrentStaff {
  return c.get('staff')!;
}

settingsRoutes.get('/settings', requireRole('viewer'), async (c) => {
  const t = c.get('t');
  const notices: Record<string, string> = {
    profile: t('settings.profile.saved'),
    sessions: t('settings.sessions.revoked', { count: Number(c.req.query('count') ?? 0) }),
    revoked: t('settings.tokens.revoked'),
  };
  const data = await loadSettings(c.get('deps'), me(c));
  return c.html(<SettingsPage page={pageContext(c)} data={data} notice={notices[c.req.query('done') ?? '']} />);
});

settingsRoutes.post('/settings/profile', requireRole('viewer'), async (c) => {
  const fields = await formFields(c);
  const input = validate(profileSchema, fields, c.get('locale'));
  const deps = c.get('deps');
  if (!input.ok) {
    const data = await loadSettings(deps, me(c));
    return c.html(<SettingsPage page={pageContext(c)} data={data} profileForm={{ values: fields, errors: input.fields }} />, 400);
  }
  await updateProfile(deps, me(c), input.value);
  setCookie(c, LOCALE_COOKIE, input.value.locale, { path: '/', maxAge: YEAR_SECONDS, sameSite: 'Lax', secure: true, httpOnly: true });
  return c.redirect('/settings?done=profile', 303);
});

settingsRoutes.post('/settings/sessions/revoke-others', requireRole('viewer'), async (c) => {
  const count = await revokeOtherSessions(c.get('deps'), me(c));
  return c.redirect(`/settings?done=sessions&count=${count}`, 303);
});

settingsRoutes.post('/settings/tokens', requireRole('viewer'), async (c) => {
  const fields = await formFields(c);
  const input = validate(tokenSchema, fields, c.get('locale'));
  const deps = c.get('deps');
  if (!input.ok) {
    const data = await loadSettings(deps, me(c));
    return c.html(<SettingsPage page={pageContext(c)} data={data} tokenForm={{ values: fields, errors: input.fields }} />, 400);
  }
  const created = await createApiToken(deps, me(c), input.value.name);
  // The token is shown this once; keep it out of every cache.
  c.header('Cache-Control', 'no-store');
  return c.html(<TokenCreatedPage page={pageContext(c)} name={input.value.name} token={created.token} />);
});

settingsRoutes.post('/settings/tokens/:id/revoke', requireRole('viewer'), async (c) => {
  const result = await revokeApiToken(c.get('deps'), me(c), c.req.param('id'));
  if (!result.ok) return c.notFound();
  return c.redirect('/settings?done=revoked', 303);
});

settingsRoutes.get('/settings/staff', requireRole('admin'), async (c) => {
  const t = c.get('t');
  const notices: Record<string, string> = { added: t('settings.staff.added'), updated: t('settings.staff.updated') };
  const staff = await listStaff(c.get('deps'));
  return c.html(<StaffPage page={pageContext(c)} staff={staff} notice={notices[c.req.query('done') ?? '']} />);
});

settingsRoutes.post('/settings/staff', requireRole('admin'), async (c) => {
  const fields = await formFields(c);
  const deps = c.get('deps');
  const input = validate(addStaffSchema, fields, c.get('locale'));
  const result = input.ok ? await addStaff(deps, me(c), input.value) : input;
  if (!result.ok) {
    const errors = result.error === 'email_taken' ? { email: c.get('t')('settings.staff.emailTaken') } : result.fields;
    const status = result.error === 'email_taken' ? 409 : 400;
    return c.html(<StaffPage page={pageContext(c)} staff={await listStaff(deps)} addForm={{ values: fields, errors }} />, status);
  }
  return c.redirect('/settings/staff?done=added', 303);
});

settingsRoutes.post('/settings/staff/:id', requireRole('admin'), async (c) => {
  const fields = await formFields(c);
  const deps = c.get('deps');
  const t = c.get('t');
  const input = validate(updateStaffSchema, fields, c.get('locale'));
  const result = input.ok ? await updateStaff(deps, me(c), c.req.param('id'), input.value) : input;
  if (result.ok) return c.redirect('/settings/staff?done=updated', 303);
  if (result.error === 'not_found') return c.notFound();
  const [status, message] = result.error === 'last_admin' ? ([409, t('settings.staff.lastAdmin')] as const) : ([400, t('error.invalid_input')] as const);
  return c.html(<StaffPage page={pageContext(c)} staff={await listStaff(deps)} error={message} />, status);
});

settingsRoutes.get('/settings/audit', requireRole('admin'), async (c) => {
  const input = validate(auditFilterSchema, { action: c.req.query('action') ?? '', before: c.req.query('before') }, c.get('locale'));
  const query = input.ok ? { actionPrefix: input.value.action, before: input.value.before } : {};
  const { entries, nextCursor } = await listAuditEntries(c.get('deps'), query);
  const action = input.ok ? input.value.action : (c.req.query('action') ?? '');
  return c.html(<AuditPage page={pageContext(c)} entries={entries} nextCursor={nextCursor} action={action} errors={input.ok ? undefined : input.fields} />, input.ok ? 200 : 400);
});

settingsRoutes.get('/api/v1/me', requireRole('viewer'), (c) => {
  const { id, email, name, role } = me(c);
  return c.json({ id, email, name, role });
});

settingsRoutes.get('/settings/office', requireRole('admin'), async (c) => {
  const office = await loadOffice(c.get('deps'));
  const notice = c.req.query('done') === 'saved' ? c.get('t')('settings.office.saved') : undefined;
  return c.html(<OfficePage page={pageContext(c)} values={office} notice={notice} />);
});

settingsRoutes.post('/settings/office', requireRole('admin'), async (c) => {
  const fields = await formFields(c);
  const input = validate(officeSchema, fields, c.get('locale'));
  if (!input.ok) return c.html(<OfficePage page={pageContext(c)} values={fields} errors={input.fields} />, 400);
  await saveOffice(c.get('deps'), me(c), input.value);
  return c.redirect('/settings/office?done=saved', 303);
});
