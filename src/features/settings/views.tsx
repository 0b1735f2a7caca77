/** Settings pages: profile, sessions and tokens; the staff list for admins. Pure functions of data. */
import { STAFF_ROLES } from '../../db/schema';
import { LOCALES } from '../../lib/i18n';
import type { FieldErrors } from '../../lib/result';
import { formatDateTime } from '../../lib/time';
import { ErrorSummary, Notice, SelectField, TextField } from '../../ui/form';
import { Layout, type PageContext } from '../../ui/layout';
import { STAFF_NAME_MAX, TOKEN_NAME_MAX } from './schemas';
import type { SettingsData, StaffRow } from './service';
import { EMAIL_MAX } from '../auth/schemas';
import { TableWrap } from '../../ui/table-wrap';

type FormState = { values?: Record<string, string>; errors?: FieldErrors };

export function SettingsPage({ page, data, notice, profileForm, tokenForm }: { page: PageContext; data: SettingsData; notice?: string; profileForm?: FormState; tokenForm?: FormState }) {
  const { t, locale } = page;
  const profile = profileForm?.values ?? { name: data.profile.name, locale: data.profile.locale ?? locale };
  const isAdmin = page.staff?.role === 'admin';
  return (
    <Layout page={page} title={t('settings.title')} nav="settings">
      <h1>{t('settings.title')}</h1>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {isAdmin ? (
        <p class="button-row">
          <a class="button button--secondary" href="/settings/staff">{t('settings.staff.link')}</a>
          <a class="button button--secondary" href="/settings/audit">{t('settings.audit.link')}</a>
          <a class="button button--secondary" href="/settings/office">{t('settings.office.link')}</a>
        </p>
      ) : null}
      <section class="panel" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t('settings.profile.title')}</h2>
        <ErrorSummary t={t} errors={profileForm?.errors} labels={{ name: t('settings.profile.name'), locale: t('settings.profile.locale') }} />
        <p>
          {t('settings.profile.email')}：<strong>{data.profile.email}</strong> · {t(`role.${data.profile.role}`)}
        </p>
        <form method="post" action="/settings/profile" class="narrow">
          <TextField name="name" label={t('settings.profile.name')} value={profile.name} error={profileForm?.errors?.name} required maxLength={STAFF_NAME_MAX} autocomplete="name" />
          <SelectField name="locale" label={t('settings.profile.locale')} value={profile.locale} error={profileForm?.errors?.locale} options={LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`) }))} />
          <button type="submit">{t('common.save')}</button>
        </form>
      </section>
      <section class="panel" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('settings.sessions.title')}</h2>
        <p>{t('settings.sessions.intro')}</p>
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('settings.sessions.device')}</th>
                <th scope="col">{t('settings.sessions.started')}</th>
                <th scope="col">{t('settings.sessions.lastSeen')}</th>
              </tr>
            </thead>
            <tbody>
              {data.sessions.map((s) => (
                <tr>
                  <td class="settings-device">
                    {s.userAgent || t('settings.sessions.unknownDevice')}
                    {s.current ? <span class="badge badge--ok"> {t('settings.sessions.current')}</span> : null}
                  </td>
                  <td>{formatDateTime(s.createdAt, locale)}</td>
                  <td>{formatDateTime(s.lastSeenAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <form method="post" action="/settings/sessions/revoke-others" class="button-row">
          <button type="submit" class="button button--secondary">{t('settings.sessions.revokeOthers')}</button>
        </form>
      </section>
      <section class="panel" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">{t('settings.tokens.title')}</h2>
        <p>{t('settings.tokens.intro')}</p>
        {data.tokens.length === 0 ? (
          <p class="muted">{t('settings.tokens.none')}</p>
        ) : (
          <TableWrap>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('settings.tokens.name')}</th>
                  <th scope="col">{t('settings.tokens.prefix')}</th>
                  <th scope="col">{t('common.createdAt')}</th>
                  <th scope="col">{t('settings.tokens.lastUsed')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.tokens.map((token) => (
                  <tr>
                    <td>{token.name}</td>
                    <td>
                      <code>{token.prefix}…</code>
                    </td>
                    <td>{formatDateTime(token.createdAt, locale)}</td>
                    <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale) : t('settings.tokens.never')}</td>
                    <td>
                      <form method="post" action={`/settings/tokens/${token.id}/revoke`} class="inline-form">
                        <button type="submit" class="button button--quiet" aria-label={t('settings.tokens.revokeLabel', { name: token.name })}>
                          {t('settings.tokens.revoke')}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <ErrorSummary t={t} errors={tokenForm?.errors} labels={{ name: t('settings.tokens.name') }} />
        <form method="post" action="/settings/tokens" class="narrow settings-token-form">
          <TextField name="name" label={t('settings.tokens.name')} hint={t('settings.tokens.nameHint')} value={tokenForm?.values?.name} error={tokenForm?.errors?.name} required maxLength={TOKEN_NAME_MAX} />
          <button type="submit">{t('settings.tokens.create')}</button>
        </form>
      </section>
    </Layout>
  );
}

export function TokenCreatedPage({ page, name, token }: { page: PageContext; name: string; token: string }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('settings.tokens.created.title')} nav="settings">
      <section class="panel narrow">
        <h1>{t('settings.tokens.created.title')}</h1>
        <Notice kind="warning">{t('settings.tokens.created.once')}</Notice>
        <p>{t('settings.tokens.created.value', { name })}</p>
        <p class="settings-token">
          <code>{token}</code>
        </p>
        <p>
          <a href="/settings">{t('settings.tokens.created.back')}</a>
        </p>
      </section>
    </Layout>
  );
}

type StaffPageProps = { page: PageContext; staff: StaffRow[]; notice?: string; error?: string; addForm?: FormState };

export function StaffPage({ page, staff, notice, error, addForm }: StaffPageProps) {
  const { t, locale } = page;
  const roleOptions = STAFF_ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }));
  const values = addForm?.values ?? {};
  return (
    <Layout page={page} title={t('settings.staff.title')} nav="settings">
      <div class="page-head">
        <h1>{t('settings.staff.title')}</h1>
        <a href="/settings">{t('common.back')}</a>
      </div>
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {error ? (
        <div class="error-summary" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <p class="muted">{t('settings.staff.deactivateHint')}</p>
      <TableWrap>
        <table class="staff-table">
          <thead>
            <tr>
              <th scope="col">{t('settings.staff.name')}</th>
              <th scope="col">{t('settings.staff.email')}</th>
              <th scope="col">{t('settings.staff.role')}</th>
              <th scope="col">{t('settings.staff.status')}</th>
              <th scope="col">{t('settings.staff.lastSignIn')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((member) => (
              <tr>
                <td>{member.name}</td>
                <td class="staff-email">{member.email}</td>
                <td>
                  <form method="post" action={`/settings/staff/${member.id}`} class="staff-role-form">
                    <label class="visually-hidden" for={`role-${member.id}`}>
                      {t('settings.staff.roleFor', { name: member.name })}
                    </label>
                    <select id={`role-${member.id}`} name="role">
                      {roleOptions.map((o) => (
                        <option value={o.value} selected={o.value === member.role}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                    <button type="submit" class="button button--quiet">{t('settings.staff.changeRole')}</button>
                  </form>
                </td>
                <td>
                  <span class={member.active ? 'badge badge--ok' : 'badge'}>{member.active ? t('settings.staff.active') : t('settings.staff.inactive')}</span>
                </td>
                <td>{member.lastSignInAt ? formatDateTime(member.lastSignInAt, locale) : t('settings.staff.neverSignedIn')}</td>
                <td>
                  <form method="post" action={`/settings/staff/${member.id}`} class="inline-form">
                    <input type="hidden" name="active" value={member.active ? '0' : '1'} />
                    <button type="submit" class={member.active ? 'button button--danger' : 'button button--secondary'}>
                      {member.active ? t('settings.staff.deactivate') : t('settings.staff.reactivate')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <section class="panel staff-add" aria-labelledby="staff-add-heading">
        <h2 id="staff-add-heading">{t('settings.staff.add')}</h2>
        <ErrorSummary t={t} errors={addForm?.errors} labels={{ email: t('settings.staff.email'), name: t('settings.staff.name'), role: t('settings.staff.role') }} />
        <form method="post" action="/settings/staff" class="narrow">
          <TextField name="email" type="email" label={t('settings.staff.email')} value={values.email} error={addForm?.errors?.email} required maxLength={EMAIL_MAX} autocomplete="off" />
          <TextField name="name" label={t('settings.staff.name')} value={values.name} error={addForm?.errors?.name} required maxLength={STAFF_NAME_MAX} autocomplete="off" />
          <SelectField name="role" label={t('settings.staff.role')} value={values.role ?? 'viewer'} error={addForm?.errors?.role} options={roleOptions} />
          <button type="submit">{t('settings.staff.add')}</button>
        </form>
      </section>
    </Layout>
  );
}
