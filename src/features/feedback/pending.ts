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
 * submits at once, and staff log opinions directly.
 */
export function pendingChangesSql(responseId: SQL): SQL<number> {
  return sql<number>`(EXISTS (SELECT 1 FROM responses r WHERE r.id = ${responseId} AND r.invitation_id IS NOT NULL) AND (
    coalesce((SELECT r.draft_publication IS NOT NULL AND (r.draft_stance IS NOT r.stance OR r.draft_publication IS NOT r.publication)
      FROM responses r WHERE r.id = ${responseId}), 0)
    OR EXISTS (SELECT 1 FROM draft_opinions d JOIN responses r ON r.id = d.response_id
      WHERE d.response_id = ${responseId}
        AND (d.slot = ${WHOLE_SLOT} OR d.slot IN (SELECT id FROM round_sections WHERE round_id = r.round_id))
        AND d.text <> coalesce((SELECT o.text FROM opinions o WHERE o.response_slot = d.response_id || ':' || d.slot), ''))
    OR EXISTS (SELECT 1 FROM opinions o
      WHERE o.response_id = ${responseId} AND o.disposition = 'pending'
        AND NOT EXISTS (SELECT 1 FROM draft_opinions d
          WHERE d.response_id = o.response_id AND o.response_slot = d.response_id || ':' || d.slot AND d.text <> ''))
  ))`;
}
