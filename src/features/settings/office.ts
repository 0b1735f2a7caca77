/** The issuing office (发文机关): its name, 文号, address and contact, read by every generated document. */
import { eq } from 'drizzle-orm';
import { officeSettings } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { auditStatement } from '../audit/audit';
import type { CurrentStaff } from '../auth/guard';
import type { OfficeInput } from './schemas';

const OFFICE_ID = 'office';

export type Office = OfficeInput;

export const EMPTY_OFFICE: Office = { officeName: '', referencePrefix: '', referencePattern: '〔{year}〕{n}号', address: '', postcode: '', contactName: '', contactPhone: '' };

export async function loadOffice(deps: Deps): Promise<Office> {
  return officeFrom(await officeQuery(deps));
}

/** loadOffice as a query, to run in a batch with others; read its rows with officeFrom. */
export function officeQuery(deps: Pick<Deps, 'db'>) {
  return deps.db.select().from(officeSettings).where(eq(officeSettings.id, OFFICE_ID));
}

export function officeFrom([row]: (typeof officeSettings.$inferSelect)[]): Office {
  if (!row) return { ...EMPTY_OFFICE };
  const { id: _id, updatedAt: _updatedAt, ...office } = row;
  return office;
}

export async function saveOffice(deps: Deps, actor: CurrentStaff, input: OfficeInput): Promise<void> {
  const row = { ...input, updatedAt: deps.clock() };
  await deps.db.batch([
    deps.db.insert(officeSettings).values({ id: OFFICE_ID, ...row }).onConflictDoUpdate({ target: officeSettings.id, set: row }),
    auditStatement(deps, { actor, action: 'office.update', entityType: 'office', entityId: OFFICE_ID, detail: { ...input } }),
  ]);
}

/** The 文号 of a document issued in `year`: the prefix, the year, and a blank where the number is written by hand. */
export function referenceNumber(office: Office, year: number): string {
  if (!office.referencePrefix && !office.referencePattern) return '';
  return office.referencePrefix + office.referencePattern.replaceAll('{year}', String(year)).replaceAll('{n}', '　　');
}
