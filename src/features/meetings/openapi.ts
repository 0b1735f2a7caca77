/** OpenAPI 3.1 path items of the meetings API, written by hand beside the valibot schemas they describe. */
import { MEETING_STATUSES, RSVP_ANSWERS, STAKEHOLDER_CATEGORIES } from '../../db/schema';
import { dateTime, errorResponse, jsonResponse, nullable } from '../../lib/openapi';
import {
  ADDRESS_MAX,
  AGENDA_MAX,
  CAPACITY_MAX,
  CAPACITY_MIN,
  DEPUTY_NAME_MAX,
  DEPUTY_TITLE_MAX,
  DIRECTIONS_MAX,
  DURATION_MAX,
  DURATION_MIN,
  HOST_MAX,
  NOTE_MAX,
  POLL_MAX,
  POLL_MIN,
  RSVP_CHOICES,
  SERIES_MAX,
  TITLE_MAX,
  TOPIC_MAX,
  VENUE_MAX,
} from './schemas';

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Meeting id' };
const tokenParam = { name: 'token', in: 'path', required: true, schema: { type: 'string' }, description: 'The token of the personal RSVP link /m/<token>' };
const time = { type: 'string', description: 'ISO 8601 with an offset (2026-11-26T07:30:00+08:00), or 2026-11-26T07:30 read as Asia/Shanghai' };
const common = { 401: errorResponse('Not signed in'), 404: errorResponse('No such meeting') };
const reads = { ...common, 403: errorResponse('Role below viewer') };
const writes = { ...common, 403: errorResponse('Role below organizer'), 409: errorResponse('Not allowed in the meeting’s status'), 422: errorResponse('Invalid input; `fields` names each field') };

const meeting = {
  type: 'object',
  required: ['id', 'series', 'number', 'title', 'startsAt', 'durationMinutes', 'venue', 'capacity', 'status', 'sequence'],
  properties: {
    id: { type: 'string' },
    series: { type: 'string' },
    number: { type: 'integer', description: '第N期: numbered automatically within the series' },
    title: { type: 'string' },
    topic: { type: 'string' },
    startsAt: nullable(dateTime),
    durationMinutes: { type: 'integer' },
    venue: { type: 'string' },
    address: { type: 'string' },
    directions: { type: 'string' },
    capacity: { type: 'integer' },
    agenda: { type: 'string' },
    host: { type: 'string' },
    roundId: { type: ['string', 'null'] },
    status: { enum: [...MEETING_STATUSES] },
    sequence: { type: 'integer', description: 'Calendar SEQUENCE, raised on every change invitees are told about' },
    createdAt: dateTime,
    updatedAt: dateTime,
  },
};

const deputy = nullable({ type: 'object', properties: { name: { type: 'string' }, title: { type: 'string' } } });

const attendee = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    stakeholderId: { type: ['string', 'null'] },
    name: { type: 'string' },
    organization: { type: 'string' },
    rsvp: { enum: [...RSVP_ANSWERS] },
    note: { type: 'string' },
    deputy,
    waitlistedAt: nullable(dateTime),
    checkInCode: { type: 'string' },
    checkedInAt: nullable(dateTime),
    walkIn: { type: 'boolean' },
    invitedAt: nullable(dateTime),
    respondedAt: nullable(dateTime),
  },
};

const editable = {
  title: { type: 'string', maxLength: TITLE_MAX },
  topic: { type: 'string', maxLength: TOPIC_MAX },
  durationMinutes: { type: 'integer', minimum: DURATION_MIN, maximum: DURATION_MAX, default: 90 },
  venue: { type: 'string', maxLength: VENUE_MAX },
  address: { type: 'string', maxLength: ADDRESS_MAX },
  directions: { type: 'string', maxLength: DIRECTIONS_MAX },
  capacity: { type: 'integer', minimum: CAPACITY_MIN, maximum: CAPACITY_MAX },
  agenda: { type: 'string', maxLength: AGENDA_MAX },
  host: { type: 'string', maxLength: HOST_MAX },
  roundId: { type: ['string', 'null'], description: 'The round whose opinions the meeting gathers' },
};

const counts = {
  type: 'object',
  description: 'Invitees by answer (revoked links not counted), invited (walk-ins excluded) and checked in',
  properties: Object.fromEntries([...RSVP_ANSWERS, 'invited', 'checkedIn', 'seated'].map((k) => [k, { type: 'integer' }])),
};

const attendeeIdParam = { name: 'attendeeId', in: 'path', required: true, schema: { type: 'string' }, description: 'Attendee id (an invitee, not a walk-in)' };

const linkAction = (summary: string, field: string, conflicts: string) => ({
  post: {
    summary,
    parameters: [idParam, attendeeIdParam],
    responses: {
      200: jsonResponse('Done', { type: 'object', required: [field], properties: { [field]: { const: true } } }),
      ...writes,
      404: errorResponse('No such meeting, or no invitee with that id in it'),
      409: errorResponse(conflicts),
    },
  },
});

const body = (schema: Record<string, unknown>) => ({ required: true, content: { 'application/json': { schema } } });

export const openApiPaths: Record<string, unknown> = {
  '/api/v1/meetings': {
    get: {
      summary: 'Every meeting, newest first, with its answer counts',
      responses: {
        200: jsonResponse('Meetings', { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { ...meeting, properties: { ...meeting.properties, counts } } } } }),
        401: common[401],
        403: reads[403],
      },
    },
    post: {
      summary: 'Schedule a meeting (numbered within its series); give startsAt, or 2–5 pollTimes to ask invitees first',
      requestBody: body({
        type: 'object',
        required: ['series', 'title', 'venue', 'capacity'],
        properties: { series: { type: 'string', maxLength: SERIES_MAX }, ...editable, startsAt: time, pollTimes: { type: 'array', items: time, minItems: POLL_MIN, maxItems: POLL_MAX } },
      }),
      responses: { 201: jsonResponse('The meeting, with its number', meeting), 401: common[401], 403: writes[403], 422: writes[422] },
    },
  },
  '/api/v1/meetings/{id}': {
    get: { summary: 'One meeting', parameters: [idParam], responses: { 200: jsonResponse('The meeting', meeting), ...reads } },
    patch: {
      summary: 'Change a meeting; a new time or place mails an update (same UID, higher SEQUENCE) to invitees who have not declined',
      parameters: [idParam],
      requestBody: body({ type: 'object', properties: { ...editable, startsAt: time } }),
      responses: { 200: jsonResponse('The changed meeting', meeting), ...writes },
    },
  },
  '/api/v1/meetings/{id}/cancel': {
    post: { summary: 'Cancel a meeting and mail METHOD:CANCEL calendar files', parameters: [idParam], responses: { 200: jsonResponse('The cancelled meeting', meeting), ...writes } },
  },
  '/api/v1/meetings/{id}/invitations': {
    post: {
      summary: 'Invite stakeholders by category, tag or id; idempotent (nobody is invited twice)',
      parameters: [idParam],
      requestBody: body({
        type: 'object',
        properties: {
          categories: { type: 'array', items: { enum: [...STAKEHOLDER_CATEGORIES] } },
          tags: { type: 'array', items: { type: 'string' } },
          stakeholderIds: { type: 'array', items: { type: 'string' } },
        },
      }),
      responses: {
        200: jsonResponse('How many were invited now, and how many selected were skipped (already invited or not mailable)', {
          type: 'object',
          required: ['invited', 'skipped'],
          properties: { invited: { type: 'integer' }, skipped: { type: 'integer' } },
        }),
        ...writes,
      },
    },
  },
  '/api/v1/meetings/{id}/attendees': {
    get: { summary: 'Invitees and walk-ins with their answers and check-ins', parameters: [idParam], responses: { 200: jsonResponse('Attendees', { type: 'object', properties: { items: { type: 'array', items: attendee } } }), ...reads } },
  },
  '/api/v1/meetings/{id}/attendees/{attendeeId}/revoke': linkAction(
    'Revoke an invitee’s RSVP link: /m/<token> and PUT /api/v1/rsvp/<token> then answer 404; their answer is kept but no longer counted',
    'revoked',
    'The link is already revoked',
  ),
  '/api/v1/meetings/{id}/attendees/{attendeeId}/reissue': linkAction(
    'Replace an invitee’s RSVP link with a new one (the old stops working, a revoked one is restored) and mail the invitation with its calendar file',
    'reissued',
    'The meeting is cancelled or has started, or the invitee cannot be mailed',
  ),
  '/api/v1/meetings/{id}/check-in': {
    post: {
      summary: 'Check an attendee in by code; a second check-in changes nothing and says when the first was',
      parameters: [idParam],
      requestBody: body({ type: 'object', required: ['code'], properties: { code: { type: 'string' } } }),
      responses: {
        200: jsonResponse('The attendee and the check-in time', { type: 'object', properties: { attendee, checkedInAt: dateTime, alreadyCheckedIn: { type: 'boolean' } } }),
        ...writes,
        404: errorResponse('No such meeting, or no attendee with that code'),
      },
    },
  },
  '/api/v1/rsvp/{token}': {
    put: {
      summary: 'Answer an invitation (the personal link is the credential); a full meeting puts "attend" on the waitlist',
      security: [],
      parameters: [tokenParam],
      requestBody: body({
        type: 'object',
        required: ['answer'],
        properties: {
          answer: { enum: [...RSVP_CHOICES] },
          note: { type: 'string', maxLength: NOTE_MAX },
          deputy: {
            oneOf: [
              { type: 'object', properties: { name: { type: 'string', maxLength: DEPUTY_NAME_MAX }, title: { type: 'string', maxLength: DEPUTY_TITLE_MAX } } },
              { type: 'string', maxLength: DEPUTY_NAME_MAX, description: 'The deputy’s name alone' },
              { type: 'null' },
            ],
          },
        },
      }),
      responses: {
        200: jsonResponse('The recorded answer', {
          type: 'object',
          properties: { answer: { enum: [...RSVP_ANSWERS] }, note: { type: 'string' }, deputy, waitlisted: { type: 'boolean' }, checkInCode: { type: ['string', 'null'] } },
        }),
        404: errorResponse('Unknown or revoked link'),
        409: errorResponse('The meeting is cancelled or has started'),
        422: errorResponse('Invalid input; `fields` names each field'),
      },
    },
  },
};
