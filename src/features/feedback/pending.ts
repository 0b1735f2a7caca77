/**
 * Pending changes: what a stakeholder has saved behind the personal link but not (re)submitted, so staff do not have
 * it. One SQL expression decides it for the page, the API and the reminder job alike.
 */
import { sql, type SQL } from 'drizzle-orm';
import { WHOLE_SLOT } from './schemas';

/**
 * True when the response `responseId` (an SQL expression) differs from what staff have: a comment whose text is not
 * the submitted opinion's, a submitted opinion emptied since (and still withdrawable, see submission.ts), or a stance
 * or publication choice edited since. Only personal-link responses (with an invitation) can have any: the open link
 * submits at once, and staff log opinions directly. Its aliases are prefixed `pc_` so that `responseId` may name an
 * outer query's row (`r.id`) without being shadowed.
 */
export function pendingChangesSql(responseId: SQL): SQL<number> {
  return sql<number>`(EXISTS (SELECT 1 FROM responses pc_r WHERE pc_r.id = ${responseId} AND pc_r.invitation_id IS NOT NULL) AND (
    coalesce((SELECT pc_r.draft_publication IS NOT NULL AND (pc_r.draft_stance IS NOT pc_r.stance OR pc_r.draft_publication IS NOT pc_r.publication)
      FROM responses pc_r WHERE pc_r.id = ${responseId}), 0)
    OR EXISTS (SELECT 1 FROM draft_opinions pc_d JOIN responses pc_r ON pc_r.id = pc_d.response_id
      WHERE pc_d.response_id = ${responseId}
        AND (pc_d.slot = ${WHOLE_SLOT} OR EXISTS (SELECT 1 FROM round_sections pc_s WHERE pc_s.id = pc_d.slot AND pc_s.round_id = pc_r.round_id))
        AND pc_d.text <> coalesce((SELECT pc_o.text FROM opinions pc_o WHERE pc_o.response_slot = pc_d.response_id || ':' || pc_d.slot), ''))
    OR EXISTS (SELECT 1 FROM opinions pc_o
      WHERE pc_o.response_id = ${responseId} AND pc_o.disposition = 'pending'
        AND NOT EXISTS (SELECT 1 FROM draft_opinions pc_d
          WHERE pc_d.response_id = pc_o.response_id AND pc_o.response_slot = pc_d.response_id || ':' || pc_d.slot AND pc_d.text <> ''))
  ))`;
}
