/** OpenAPI 3.1 path items of the rounds API, written by hand beside the valibot schemas they describe. */
import { figuresSchema } from '../summaries/openapi';
import { CHANNELS, FEEDBACK_FORM_ATTACHMENTS, OFFLINE_CHANNELS, ROUND_STATUSES, STAKEHOLDER_CATEGORIES } from '../../db/schema';
import { AUDIENCE_TAGS_MAX, CONTACT_ADDRESS_MAX, CONTACT_NAME_MAX, CONTACT_PHONE_MAX, DRAFT_MAX_CHARS, OPINION_TEXT_MAX, PURPOSE_MAX, SHORT_PERIOD_REASON_MAX, TITLE_MAX } from './schemas';
import { errorResponse, json } from '../../lib/openapi';
import { SPLIT_FIXES_MAX } from './split-draft';

/** Inlined, so that the merged document needs no shared components. */
const ref = (name: 'Round' | 'Opinion') => openApiSchemas[name];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Round id' };
const invitationParam = { name: 'invitationId', in: 'path', required: true, schema: { type: 'string' } };
const instant = { type: 'string', format: 'date-time', description: 'ISO 8601 with an offset, e.g. 2026-12-01T09:00:00+08:00' };
const common = { 401: errorResponse('Not signed in'), 404: errorResponse('No such round') };
const reads = { ...common, 403: errorResponse('Role below viewer') };
const writes = { ...common, 403: errorResponse('Role below organizer'), 409: errorResponse('Not allowed in the round’s status'), 422: errorResponse('Invalid input; `fields` names each field') };


const section = {
  type: 'object',
  required: ['id', 'key', 'number', 'heading', 'body', 'depth', 'position'],
  properties: {
    id: { type: 'string' },
    key: { type: 'string', description: 'Path of positions, e.g. 5.1.1' },
    number: { type: 'string', description: 'As readers cite it, e.g. 五（一）1' },
    heading: { type: 'string' },
    body: { type: 'string' },
    depth: { type: 'integer' },
    position: { type: 'integer' },
    parentId: { type: ['string', 'null'] },
  },
};

const change = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { enum: ['modified', 'added', 'removed', 'moved'] },
    versionNumber: { type: 'integer' },
    beforeSectionId: { type: ['string', 'null'], description: 'For an added unit split off another: that unit' },
    afterSectionId: { type: ['string', 'null'], description: 'For a removed unit merged into another: that unit' },
    label: { type: ['string', 'null'] },
  },
};

const diffEntry = {
  type: 'object',
  required: ['key', 'label', 'change', 'before', 'after', 'changeId'],
  properties: {
    key: { type: 'string' },
    sectionId: { type: 'string' },
    label: { type: 'string', description: 'The unit’s label, e.g. 第六条 or 五（一）' },
    heading: { type: 'string' },
    change: { enum: ['modified', 'added', 'removed', 'moved', 'unchanged'] },
    before: { type: ['string', 'null'] },
    after: { type: ['string', 'null'] },
    changeId: { type: ['string', 'null'], description: 'The change to link opinions to; null when unchanged' },
  },
};

const audience = {
  type: 'object',
  properties: {
    categories: { type: 'array', items: { enum: [...STAKEHOLDER_CATEGORIES] } },
    tags: { type: 'array', items: { type: 'string' }, maxItems: AUDIENCE_TAGS_MAX },
    stakeholderIds: { type: 'array', items: { type: 'string' } },
  },
};

export const openApiSchemas: Record<string, unknown> = {
  Round: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      title: { type: 'string' },
      purpose: { type: 'string' },
      status: { enum: [...ROUND_STATUSES] },
      draftTitle: { type: ['string', 'null'] },
      opensAt: instant,
      closesAt: instant,
      scheduledAt: { type: ['string', 'null'], format: 'date-time', description: 'When an organizer scheduled the round to open by itself.' },
      openedAt: { type: ['string', 'null'], format: 'date-time' },
      closedAt: { type: ['string', 'null'], format: 'date-time' },
      contact: { type: 'object', properties: { name: { type: 'string' }, phone: { type: 'string' }, address: { type: 'string' } } },
      shortPeriodReason: { type: ['string', 'null'] },
      feedbackFormAttachment: { enum: [...FEEDBACK_FORM_ATTACHMENTS], description: '随邀请附上意见反馈表: the personal form files each invitation email carries' },
      audience,
      previousRoundId: { type: ['string', 'null'] },
      hasOpenLink: { type: 'boolean' },
      sections: { type: 'array', items: section },
    },
  },
  Opinion: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      roundId: { type: 'string' },
      sectionId: { type: ['string', 'null'], description: 'null: on the whole draft' },
      sectionNumber: { type: ['string', 'null'] },
      channel: { enum: [...CHANNELS] },
      heardAt: { type: 'string', format: 'date-time' },
      text: { type: 'string' },
      stakeholderId: { type: ['string', 'null'] },
      authorName: { type: 'string' },
      authorOrganization: { type: 'string' },
      authorCategory: { type: ['string', 'null'] },
      responseId: { type: ['string', 'null'], description: 'Set for opinions given online' },
      loggedByStaffId: { type: ['string', 'null'] },
      disposition: { type: 'string' },
      confirmed: { type: ['boolean', 'null'], description: 'Open link only: false while the email address the respondent typed is unconfirmed (the opinion is attributed to nobody), true once its owner confirmed it; null when no address was typed or the opinion came another way.' },
    },
  },
};

const roundInput = {
  type: 'object',
  required: ['title', 'draft', 'opensAt', 'closesAt'],
  properties: {
    title: { type: 'string', maxLength: TITLE_MAX },
    purpose: { type: 'string', maxLength: PURPOSE_MAX },
    draft: { type: 'string', maxLength: DRAFT_MAX_CHARS, description: 'Plain text or Markdown; split into sections by headings and Chinese numbering' },
    opensAt: instant,
    closesAt: instant,
    contact: { type: 'object', properties: { name: { type: 'string', maxLength: CONTACT_NAME_MAX }, phone: { type: 'string', maxLength: CONTACT_PHONE_MAX }, address: { type: 'string', maxLength: CONTACT_ADDRESS_MAX } } },
    audience,
  },
};

const offlineOpinionInput = {
  type: 'object',
  required: ['channel', 'heardAt', 'text'],
  description: 'Either `stakeholderId`, or `name` (and `organization`) of someone not in the directory.',
  properties: {
    stakeholderId: { type: 'string' },
    name: { type: 'string' },
    organization: { type: 'string' },
    category: { enum: [...STAKEHOLDER_CATEGORIES] },
    channel: { enum: [...OFFLINE_CHANNELS] },
    heardAt: { type: 'string', description: 'A date (2026-03-17, read as Beijing time), or an ISO 8601 time with an offset' },
    sectionId: { type: ['string', 'null'], description: 'null or "whole": on the whole draft' },
    text: { type: 'string', maxLength: OPINION_TEXT_MAX },
  },
};

export const openApiPaths: Record<string, unknown> = {
  '/api/v1/rounds': {
    get: { summary: 'List rounds with their counts', tags: ['rounds'], responses: { 200: { description: 'Rounds, newest first', ...json({ type: 'object', properties: { items: { type: 'array', items: { type: 'object' } } } }) }, ...reads } },
    post: {
      summary: 'Create a draft round; its draft is split into sections',
      tags: ['rounds'],
      requestBody: { required: true, ...json(roundInput) },
      responses: { 201: { description: 'The round with its sections', ...json(ref('Round')) }, 400: errorResponse('Body is not JSON'), ...writes },
    },
  },
  '/api/v1/rounds/{id}': {
    get: { summary: 'A round with its sections', tags: ['rounds'], parameters: [idParam], responses: { 200: { description: 'The round', ...json(ref('Round')) }, ...reads } },
  },
  '/api/v1/rounds/{id}/open': {
    post: {
      summary: 'Open a draft round now',
      description: 'A comment period under 30 days needs `shortPeriodReason` (422 with `fields.shortPeriodReason` otherwise); the reason is kept.',
      tags: ['rounds'],
      parameters: [idParam],
      requestBody: { required: false, ...json({ type: 'object', properties: { shortPeriodReason: { type: 'string', maxLength: SHORT_PERIOD_REASON_MAX } } }) },
      responses: { 200: { description: 'The opened round', ...json(ref('Round')) }, ...writes },
    },
  },
  '/api/v1/rounds/{id}/schedule': {
    post: {
      summary: 'Schedule a draft round to open by itself',
      description:
        'The cron opens the round at `opensAt` and invites its audience. `opensAt` must be ahead (422 `fields.opensAt` otherwise); a comment period under 30 days needs `shortPeriodReason`. Editing the round cancels the schedule.',
      tags: ['rounds'],
      parameters: [idParam],
      requestBody: { required: false, ...json({ type: 'object', properties: { shortPeriodReason: { type: 'string', maxLength: SHORT_PERIOD_REASON_MAX } } }) },
      responses: { 200: { description: 'The scheduled round (`scheduledAt` set)', ...json(ref('Round')) }, ...writes },
    },
  },
  '/api/v1/rounds/{id}/close': {
    post: { summary: 'Close a round now', tags: ['rounds'], parameters: [idParam], responses: { 200: { description: 'The closed round', ...json(ref('Round')) }, ...writes } },
  },
  '/api/v1/rounds/{id}/invitations': {
    get: { summary: 'Invitees with status and last activity', tags: ['rounds'], parameters: [idParam], responses: { 200: { description: 'Invitees', ...json({ type: 'object', properties: { items: { type: 'array', items: { type: 'object' } } } }) }, ...reads } },
    post: {
      summary: 'Invite the audience (idempotent)',
      description: 'Invites every audience member not yet invited who has an email address and consent; each gets one email with a personal link. A second call invites no one. `skipped` counts audience members not invited by this call.',
      tags: ['rounds'],
      parameters: [idParam],
      responses: { 200: { description: 'Counts', ...json({ type: 'object', required: ['invited', 'skipped'], properties: { invited: { type: 'integer' }, skipped: { type: 'integer' } } }) }, ...writes },
    },
  },
  '/api/v1/rounds/{id}/invitations/{invitationId}/revoke': {
    post: { summary: 'Revoke an invitation’s link', tags: ['rounds'], parameters: [idParam, invitationParam], responses: { 200: { description: 'Revoked' }, ...writes } },
  },
  '/api/v1/rounds/{id}/invitations/{invitationId}/reissue': {
    post: { summary: 'Mail a new link; the old one stops working', tags: ['rounds'], parameters: [idParam, invitationParam], responses: { 200: { description: 'Reissued' }, ...writes } },
  },
  '/api/v1/rounds/{id}/versions': {
    get: { summary: 'The versions of the round’s draft (1 is the draft the round was created with)', tags: ['rounds'], parameters: [idParam], responses: { 200: { description: 'Versions, oldest first', ...json({ type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { number: { type: 'integer' }, title: { type: ['string', 'null'] }, createdAt: instant } } } } }) }, ...reads } },
    post: {
      summary: 'Revise the draft into a new version',
      description: 'Units matched to the latest version (by label and heading, or by text when renumbered, moved, split or merged) keep their ids. `changes` lists one entry per unit modified, added, removed or moved.',
      tags: ['rounds'],
      parameters: [idParam],
      requestBody: { required: true, ...json({ type: 'object', required: ['draft'], properties: { draft: { type: 'string', maxLength: DRAFT_MAX_CHARS }, splitFixes: { type: 'array', maxItems: SPLIT_FIXES_MAX, items: { type: 'object', properties: { line: { type: 'string' }, level: { type: 'integer' } } } } } }) },
      responses: { 201: { description: 'The new version and its changes', ...json({ type: 'object', properties: { version: { type: 'object', properties: { number: { type: 'integer' }, sections: { type: 'array', items: section } } }, changes: { type: 'array', items: change } } }) }, 400: errorResponse('Body is not JSON'), ...writes },
    },
  },
  '/api/v1/rounds/{id}/versions/{a}/diff/{b}': {
    get: {
      summary: 'Unit by unit differences between two versions',
      tags: ['rounds'],
      parameters: [idParam, { name: 'a', in: 'path', required: true, schema: { type: 'integer' } }, { name: 'b', in: 'path', required: true, schema: { type: 'integer' } }],
      responses: { 200: { description: 'Units in the order of version b, removed ones where they stood', ...json({ type: 'object', properties: { sections: { type: 'array', items: diffEntry } } }) }, ...reads },
    },
  },
  '/api/v1/rounds/{id}/reminders': {
    post: {
      summary: 'Remind invitees who have not answered',
      description: 'To every non-responder, or only to `invitationIds` among them. Never to those who responded, declined or whose link is revoked.',
      tags: ['rounds'],
      parameters: [idParam],
      requestBody: { required: false, ...json({ type: 'object', properties: { invitationIds: { type: 'array', items: { type: 'string' } } } }) },
      responses: { 200: { description: 'Reminders sent', ...json({ type: 'object', properties: { sent: { type: 'integer' } } }) }, ...writes },
    },
  },
  '/api/v1/rounds/{id}/stats': {
    get: {
      summary: 'The round’s figures, as on the response board and in the summary',
      description: 'Each stakeholder heard by any channel counts once; the response rate is over the live invitations. `byChannel` counts opinions, `heardByChannel` people.',
      tags: ['rounds'],
      parameters: [idParam],
      responses: { 200: { description: 'Figures', ...json(figuresSchema) }, ...reads },
    },
  },
  '/api/v1/rounds/{id}/opinions': {
    get: { summary: 'Every opinion, online and offline, in draft order', tags: ['rounds'], parameters: [idParam], responses: { 200: { description: 'Opinions', ...json({ type: 'object', properties: { items: { type: 'array', items: ref('Opinion') } } }) }, ...reads } },
    post: {
      summary: 'Log an opinion heard offline',
      description: 'Allowed while the round is open and after it closes (late letters and calls); refused (409) for a draft round.',
      tags: ['rounds'],
      parameters: [idParam],
      requestBody: { required: true, ...json(offlineOpinionInput) },
      responses: { 201: { description: 'The logged opinion', ...json(ref('Opinion')) }, 400: errorResponse('Body is not JSON'), ...writes },
    },
  },
};
