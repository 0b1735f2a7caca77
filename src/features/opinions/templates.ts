/** Reply templates: per round, or for every round (roundId null); chosen and edited in one step while triaging. */
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import { replyTemplates, type Disposition } from '../../db/schema';
import type { Deps } from '../../lib/deps';
import { fail, ok, type Result } from '../../lib/result';
import { auditStatement } from '../audit/audit';
import type { Actor } from './service';
import type { TemplateInput } from './schemas';

export type ReplyTemplate = typeof replyTemplates.$inferSelect;

/** The round's own templates, then the global ones, each in the order they were added. */
export async function listTemplates(deps: Deps, roundId: string): Promise<ReplyTemplate[]> {
  return templatesQuery(deps, roundId);
}

/** listTemplates as a query, to run in a batch with others. */
export function templatesQuery(deps: Deps, roundId: string) {
  return deps.db
    .select()
    .from(replyTemplates)
    .where(or(eq(replyTemplates.roundId, roundId), isNull(replyTemplates.roundId)))
    .orderBy(sql`${replyTemplates.roundId} IS NULL`, asc(replyTemplates.position), asc(replyTemplates.createdAt), asc(replyTemplates.id));
}

/** A template usable in this round: its own, or a global one. */
async function findTemplate(deps: Deps, roundId: string, id: string): Promise<ReplyTemplate | null> {
  const row = await deps.db
    .select()
    .from(replyTemplates)
    .where(and(eq(replyTemplates.id, id), or(eq(replyTemplates.roundId, roundId), isNull(replyTemplates.roundId))))
    .get();
  return row ?? null;
}

/**
 * The reply a form means: what was typed, or, when the reply was left empty and a template chosen, the template's
 * text (so choosing a template works without JavaScript).
 */
export async function replyWithTemplate(deps: Deps, roundId: string, reply: string, templateId: string): Promise<string> {
  if (reply.trim() || !templateId) return reply;
  return (await findTemplate(deps, roundId, templateId))?.text ?? reply;
}

export async function createTemplate(deps: Deps, actor: Actor, roundId: string, input: TemplateInput): Promise<{ id: string }> {
  const id = deps.newId();
  const scopeRoundId = input.scope === 'global' ? null : roundId;
  const last = await deps.db
    .select({ position: sql<number>`coalesce(max(${replyTemplates.position}), -1)` })
    .from(replyTemplates)
    .where(scopeRoundId ? eq(replyTemplates.roundId, scopeRoundId) : isNull(replyTemplates.roundId))
    .get();
  await deps.db.batch([
    deps.db.insert(replyTemplates).values({
      id,
      roundId: scopeRoundId,
      disposition: (input.disposition || null) as Disposition | null,
      label: input.label,
      text: input.text,
      position: (last?.position ?? -1) + 1,
      createdAt: deps.clock(),
    }),
    auditStatement(deps, { actor, action: 'reply_template.create', entityType: 'reply_template', entityId: id, detail: { roundId: scopeRoundId, label: input.label } }),
  ]);
  return { id };
}

export async function updateTemplate(deps: Deps, actor: Actor, roundId: string, id: string, input: TemplateInput): Promise<Result<void, 'not_found'>> {
  const template = await findTemplate(deps, roundId, id);
  if (!template) return fail('not_found');
  await deps.db.batch([
    deps.db
      .update(replyTemplates)
      .set({ label: input.label, text: input.text, disposition: (input.disposition || null) as Disposition | null, roundId: input.scope === 'global' ? null : roundId })
      .where(eq(replyTemplates.id, id)),
    auditStatement(deps, { actor, action: 'reply_template.update', entityType: 'reply_template', entityId: id, detail: { roundId, label: input.label } }),
  ]);
  return ok(undefined);
}

export async function deleteTemplate(deps: Deps, actor: Actor, roundId: string, id: string): Promise<Result<void, 'not_found'>> {
  const template = await findTemplate(deps, roundId, id);
  if (!template) return fail('not_found');
  await deps.db.batch([
    deps.db.delete(replyTemplates).where(eq(replyTemplates.id, id)),
    auditStatement(deps, { actor, action: 'reply_template.delete', entityType: 'reply_template', entityId: id, detail: { roundId, label: template.label } }),
  ]);
  return ok(undefined);
}
