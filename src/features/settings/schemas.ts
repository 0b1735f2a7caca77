/** Inputs of the settings forms: profile, API tokens, staff administration, audit filter. */
import * as v from 'valibot';
import { STAFF_ROLES } from '../../db/schema';
import { LOCALES } from '../../lib/i18n';
import { message, singleLine, trimmed } from '../../lib/validation';
import { emailField } from '../auth/schemas';

export const STAFF_NAME_MAX = 100;
export const TOKEN_NAME_MAX = 60;
export const AUDIT_FILTER_MAX = 60;

const requiredLine = (max: number) => v.pipe(singleLine(max), v.nonEmpty(message('validation.required')));

export const profileSchema = v.object({
  name: requiredLine(STAFF_NAME_MAX),
  locale: v.picklist(LOCALES, message('validation.invalidChoice')),
});
export type ProfileInput = v.InferOutput<typeof profileSchema>;

export const tokenSchema = v.object({ name: requiredLine(TOKEN_NAME_MAX) });

export const addStaffSchema = v.object({
  email: emailField(),
  name: requiredLine(STAFF_NAME_MAX),
  role: v.picklist(STAFF_ROLES, message('validation.invalidChoice')),
});
export type AddStaffInput = v.InferOutput<typeof addStaffSchema>;

const ACTIVE_VALUES: Record<string, boolean> = { '1': true, true: true, '0': false, false: false };

/** One form per change: `role=…`, or `active=0|1` (also `action=deactivate|reactivate`). */
export const updateStaffSchema = v.pipe(
  v.object({
    role: v.optional(v.picklist(STAFF_ROLES, message('validation.invalidChoice'))),
    active: v.optional(v.picklist(Object.keys(ACTIVE_VALUES), message('validation.invalidChoice'))),
    action: v.optional(v.picklist(['deactivate', 'reactivate'], message('validation.invalidChoice'))),
  }),
  v.transform(({ role, active, action }) => ({
    role,
    active: action ? action === 'reactivate' : active !== undefined ? ACTIVE_VALUES[active] : undefined,
  })),
  v.check((change) => change.role !== undefined || change.active !== undefined, message('validation.required')),
);
export type StaffChange = v.InferOutput<typeof updateStaffSchema>;

export const auditFilterSchema = v.object({
  action: v.optional(v.pipe(trimmed(), v.maxLength(AUDIT_FILTER_MAX, message('validation.tooLong'))), ''),
  before: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}\.[0-9A-Z]{26}$/)), undefined),
});

export const OFFICE_NAME_MAX = 60;
export const OFFICE_REFERENCE_MAX = 30;
export const OFFICE_ADDRESS_MAX = 120;
export const OFFICE_POSTCODE_MAX = 10;
export const OFFICE_CONTACT_MAX = 40;

const optionalText = (max: number) => singleLine(max);

/** The issuing office: only its name is required; `{year}` and `{n}` are the 文号 pattern's placeholders. */
export const officeSchema = v.object({
  officeName: requiredLine(OFFICE_NAME_MAX),
  referencePrefix: optionalText(OFFICE_REFERENCE_MAX),
  referencePattern: v.pipe(optionalText(OFFICE_REFERENCE_MAX), v.check((p) => p === '' || p.includes('{n}'), message('settings.office.patternNeedsN'))),
  address: optionalText(OFFICE_ADDRESS_MAX),
  postcode: optionalText(OFFICE_POSTCODE_MAX),
  contactName: optionalText(OFFICE_CONTACT_MAX),
  contactPhone: optionalText(OFFICE_CONTACT_MAX),
});
export type OfficeInput = v.InferOutput<typeof officeSchema>;
