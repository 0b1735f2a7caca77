/** OpenAPI path items of the inbound API, written by hand beside the routes they describe. */
import { FEEDBACK_FORM_ATTACHMENTS, INBOUND_STATUSES } from '../../db/schema';
import { errorResponse, json } from '../../lib/openapi';
import { FORM_MAX_MB } from './form-file';
import { SEARCH_MAX_CHARS } from './search';

const opinion = { type: 'object', required: ['sectionId', 'label', 'text'], properties: { sectionId: { type: ['string', 'null'], description: 'Null: the whole draft' }, label: { type: 'string' }, text: { type: 'string' } } };
const row = { type: 'object', required: ['label', 'text'], properties: { label: { type: 'string' }, text: { type: 'string' } } };
const item = {
  type: 'object',
  required: ['id', 'source', 'status', 'opinions', 'unplaced', 'receivedAt'],
  properties: {
    id: { type: 'string' },
    source: { enum: ['email', 'upload'] },
    status: { enum: [...INBOUND_STATUSES] },
    reason: { type: ['string', 'null'], description: 'Why unmatched or ignored: unknown_address, unknown_sender, round_closed, auto_reply, bounce…' },
    roundId: { type: ['string', 'null'] },
    invitationId: { type: ['string', 'null'] },
    stakeholderId: { type: ['string', 'null'] },
    meetingId: { type: ['string', 'null'], description: 'A calendar reply (iMIP) to a meeting invitation: the meeting whose RSVP it answered (reason rsvp_<answer>)' },
    from: { type: 'string' },
    to: { type: 'string' },
    subject: { type: 'string' },
    authentication: { type: 'object', properties: { spf: { type: ['string', 'null'] }, dkim: { type: ['string', 'null'] }, dmarc: { type: ['string', 'null'] } } },
    opinions: { type: 'array', items: opinion, description: 'Opinions found, per section' },
    unplaced: { type: 'array', items: row, description: 'Rows that name no section of the round' },
    files: { type: 'array', items: { type: 'object', properties: { filename: { type: 'string' }, contentType: { type: 'string' }, size: { type: 'integer' } } } },
    attachmentText: { type: 'string', description: 'The text read from attached DOCX and TXT files other than the 意见反馈表 (PDF is not read)' },
    receivedAt: { type: 'string', format: 'date-time' },
    confirmedAt: { type: ['string', 'null'], format: 'date-time' },
  },
};

export const openApiPaths: Record<string, unknown> = {
  '/api/v1/rounds/{id}/responses/import': {
    post: {
      summary: 'Read a filled 意见反馈表 (DOCX or XLSX) into a pending item of the round',
      description: `Multipart body with a \`file\` field, at most ${FORM_MAX_MB} MB. The form's hidden reference names the invitation; the opinions found are pending until confirmed with POST /api/v1/inbound/{id}/confirm.`,
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } } } },
      responses: {
        201: { description: 'The pending item', ...json(item) },
        401: errorResponse('Not signed in'),
        403: errorResponse('Role below organizer'),
        404: errorResponse('No such round'),
        409: errorResponse('The round has not opened'),
        422: errorResponse('Not a 意见反馈表 of this round, an unknown or revoked invitation, or nothing filled in'),
      },
    },
  },
  '/api/v1/rounds/{id}/feedback-form': {
    put: {
      summary: '随邀请附上意见反馈表: which personal 意见反馈表 files go with each invitation email sent from now on',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      requestBody: { required: true, ...json({ type: 'object', required: ['attach'], properties: { attach: { enum: [...FEEDBACK_FORM_ATTACHMENTS] } } }) },
      responses: {
        200: { description: 'Saved', ...json({ type: 'object', properties: { roundId: { type: 'string' }, attach: { enum: [...FEEDBACK_FORM_ATTACHMENTS] } } }) },
        400: errorResponse('Not JSON'),
        401: errorResponse('Not signed in'),
        403: errorResponse('Role below organizer'),
        404: errorResponse('No such round'),
        409: errorResponse('The round has closed'),
        422: errorResponse('attach is not one of none, docx, xlsx, both'),
      },
    },
  },
  '/api/v1/inbound': {
    get: {
      summary: 'Inbound items: pending email replies and uploads, and unmatched mail',
      parameters: [
        { name: 'status', in: 'query', schema: { enum: [...INBOUND_STATUSES] }, description: 'Default: pending and unmatched' },
        { name: 'roundId', in: 'query', schema: { type: 'string' } },
        { name: 'q', in: 'query', schema: { type: 'string', maxLength: SEARCH_MAX_CHARS }, description: 'Words in the subject, sender, opinions found or the text of attached documents' },
      ],
      responses: { 200: { description: 'Newest first', ...json({ type: 'object', properties: { items: { type: 'array', items: item } } }) }, 401: errorResponse('Not signed in'), 403: errorResponse('Role below viewer') },
    },
  },
  '/api/v1/inbound/{id}/confirm': {
    post: {
      summary: 'Confirm a pending item: its opinions count from now on',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        200: { description: 'Confirmed', ...json({ type: 'object', properties: { id: { type: 'string' }, status: { const: 'confirmed' }, opinionIds: { type: 'array', items: { type: 'string' } } } }) },
        401: errorResponse('Not signed in'),
        403: errorResponse('Role below organizer'),
        404: errorResponse('No such item'),
        409: errorResponse('Already confirmed or handled'),
      },
    },
  },
};
