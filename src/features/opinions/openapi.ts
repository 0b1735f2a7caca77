/** OpenAPI 3.1 path items of the dispositions API. */
import { DISPOSITIONS } from '../../db/schema';
import { dateTime, errorResponse, jsonResponse, nullable } from '../../lib/openapi';
import { ASSIGNEE_MAX, BULK_MAX, CHANGES_PER_OPINION_MAX, REPLY_MAX } from './schemas';

const idParam = (description: string) => ({ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description });
const reads = { 401: errorResponse('Not signed in'), 403: errorResponse('Role below viewer'), 404: errorResponse('No such opinion') };
const writes = {
  400: errorResponse('The body is not JSON'),
  401: errorResponse('Not signed in'),
  403: errorResponse('Role below organizer'),
  404: errorResponse('No such opinion or round'),
  422: errorResponse('Invalid input, a reply missing (`reply_required`) or an opinion not in the round (`unknown_opinion`); `fields` names the field. Nothing was changed.'),
};

const disposition = { enum: [...DISPOSITIONS], description: 'pending · adopted 采纳 · partly_adopted 部分采纳 · not_adopted 未采纳 · noted 留作参考' };
const change = {
  disposition,
  reply: { type: 'string', maxLength: REPLY_MAX, description: 'Required for partly_adopted, not_adopted and noted. Left out: kept. With pending, empty keeps the current reply.' },
  assignee: { type: 'string', maxLength: ASSIGNEE_MAX, description: 'A department or a staff member. Left out: kept.' },
};

const linkedChangeIds = {
  type: 'array',
  maxItems: CHANGES_PER_OPINION_MAX,
  items: { type: 'string' },
  description: 'Ids of the draft changes (from POST /api/v1/rounds/{id}/versions or the diff’s changeId) that carry the opinion out; replaces the current links. Only with adopted or partly_adopted; any other disposition drops the links. Left out: kept.',
};

const opinionDisposition = {
  type: 'object',
  required: ['id', 'roundId', 'disposition', 'reply', 'assignee'],
  properties: {
    id: { type: 'string' },
    roundId: { type: 'string' },
    sectionId: { type: ['string', 'null'] },
    disposition,
    reply: { type: 'string' },
    assignee: { type: 'string' },
    dispositionByStaffId: { type: ['string', 'null'] },
    dispositionAt: nullable(dateTime),
    redacted: { type: 'boolean', description: 'Whether the published page shows a redacted text instead of the original.' },
  },
};

const historyEntry = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    opinionId: { type: 'string' },
    staffId: { type: ['string', 'null'] },
    staffName: { type: ['string', 'null'] },
    fromDisposition: { oneOf: [disposition, { type: 'null' }] },
    toDisposition: disposition,
    fromReply: { type: ['string', 'null'] },
    toReply: { type: 'string' },
    fromAssignee: { type: ['string', 'null'] },
    toAssignee: { type: 'string' },
    createdAt: dateTime,
  },
};

export const openApiPaths: Record<string, unknown> = {
  '/api/v1/opinions/{id}': {
    patch: {
      summary: 'Set one opinion’s disposition, reply and assignee (recorded in its history)',
      parameters: [idParam('Opinion id')],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['disposition'], properties: { ...change, changes: linkedChangeIds } } } } },
      responses: {
        200: jsonResponse('The opinion’s disposition now, with its linked changes', { ...opinionDisposition, properties: { ...opinionDisposition.properties, changes: linkedChangeIds } }),
        ...writes,
        422: errorResponse('Invalid input, a reply missing (`reply_required`), a change not of this round (`unknown_change`) or changes on an opinion not (partly) adopted (`changes_need_adoption`); `fields` names the field. Nothing was changed.'),
      },
    },
  },
  '/api/v1/opinions/{id}/history': {
    get: {
      summary: 'Every change of an opinion’s disposition, reply and assignee, oldest first',
      parameters: [idParam('Opinion id')],
      responses: { 200: jsonResponse('The history', { type: 'object', properties: { items: { type: 'array', items: historyEntry } } }), ...reads },
    },
  },
  '/api/v1/rounds/{id}/opinions/bulk-disposition': {
    post: {
      summary: 'One disposition, reply and assignee for many opinions of a round, all or nothing',
      parameters: [idParam('Round id')],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['opinionIds', 'disposition'],
              properties: {
                opinionIds: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: BULK_MAX },
                ...change,
                assignee: { type: 'string', maxLength: ASSIGNEE_MAX, description: 'Empty or left out: each opinion keeps its assignee.' },
              },
            },
          },
        },
      },
      responses: { 200: jsonResponse('How many opinions changed', { type: 'object', required: ['updated'], properties: { updated: { type: 'integer' } } }), ...writes },
    },
  },
};
