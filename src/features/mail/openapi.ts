/** OpenAPI 3.1 description of the mail feature's API routes. */
import { OUTBOX_STATUSES } from '../../db/schema';
import { MAX_CURSOR_LENGTH, MAX_KIND_LENGTH, OUTBOX_MAX_PAGE_SIZE, OUTBOX_PAGE_SIZE } from './service';
import { dateTime, errorResponse, nullable } from '../../lib/openapi';


const count = { type: 'integer', minimum: 0 };
const roundIdParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

const outboxItem = {
  type: 'object',
  required: ['id', 'kind', 'to', 'toName', 'subject', 'status', 'attempts', 'lastError', 'provider', 'providerMessageId', 'roundId', 'meetingId', 'createdAt', 'statusChangedAt', 'sentAt'],
  properties: {
    id: { type: 'string', description: 'Time-ordered id (ULID).' },
    kind: { type: 'string', description: 'What the mail is for: sign_in, invitation, reminder, confirmation, summary…' },
    to: { type: 'string', format: 'email' },
    toName: nullable({ type: 'string' }),
    subject: { type: 'string' },
    status: { type: 'string', enum: [...OUTBOX_STATUSES] },
    attempts: { type: 'integer', minimum: 0 },
    lastError: nullable({ type: 'string' }),
    provider: nullable({ type: 'string', enum: ['local', 'resend'] }),
    providerMessageId: nullable({ type: 'string' }),
    roundId: nullable({ type: 'string' }),
    meetingId: nullable({ type: 'string' }),
    createdAt: dateTime,
    statusChangedAt: dateTime,
    sentAt: nullable(dateTime),
  },
  additionalProperties: false,
};

export const openApiPaths: Record<string, unknown> = {
  '/api/v1/mail': {
    get: {
      summary: 'The outbox, newest first',
      description: 'Every email the hub has written, with its delivery status. Bodies are never returned. Viewer role or higher.',
      operationId: 'listMail',
      tags: ['mail'],
      parameters: [
        { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: [...OUTBOX_STATUSES] } },
        { name: 'kind', in: 'query', required: false, schema: { type: 'string', maxLength: MAX_KIND_LENGTH } },
        {
          name: 'cursor',
          in: 'query',
          required: false,
          description: 'The `nextCursor` of the previous page.',
          schema: { type: 'string', maxLength: MAX_CURSOR_LENGTH },
        },
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: OUTBOX_MAX_PAGE_SIZE, default: OUTBOX_PAGE_SIZE } },
      ],
      responses: {
        '200': {
          description: 'One page of outbox messages.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['items', 'nextCursor'],
                properties: { items: { type: 'array', items: outboxItem }, nextCursor: nullable({ type: 'string' }) },
                additionalProperties: false,
              },
            },
          },
        },
        '400': errorResponse('A query parameter is not valid; `fields` names it.'),
        '401': errorResponse('No valid session cookie or API token.'),
        '403': errorResponse('The staff member is not allowed to read mail.'),
      },
    },
  },
  '/api/v1/rounds/{id}/mail-progress': {
    get: {
      summary: "A round's mail progress",
      description: 'Counts of the round\'s emails by status: sent (sent or delivered), failed (failed, bounced or complained), remaining (queued or sending). Polled by the round page while a big send is under way. Viewer role or higher.',
      operationId: 'roundMailProgress',
      tags: ['mail'],
      parameters: [roundIdParameter],
      responses: {
        '200': {
          description: 'The progress of the round\'s mail.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['roundId', 'total', 'byStatus', 'sent', 'failed', 'retryable', 'remaining'],
                properties: {
                  roundId: { type: 'string' },
                  total: count,
                  byStatus: { type: 'object', required: [...OUTBOX_STATUSES], properties: Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, count])), additionalProperties: false },
                  sent: count,
                  failed: count,
                  retryable: { ...count, description: 'Failed emails worth sending again (not to suppressed addresses).' },
                  remaining: count,
                },
                additionalProperties: false,
              },
            },
          },
        },
        '401': errorResponse('No valid session cookie or API token.'),
        '403': errorResponse('The staff member is not allowed to read mail.'),
        '404': errorResponse('No such round.'),
      },
    },
  },
  '/api/v1/rounds/{id}/mail/retry-failed': {
    post: {
      summary: "Send a round's failed emails again",
      description: 'Puts every failed email of the round (except those to suppressed addresses) back in the queue with a fresh count of attempts. Organizer role or higher.',
      operationId: 'retryFailedRoundMail',
      tags: ['mail'],
      parameters: [roundIdParameter],
      responses: {
        '200': {
          description: 'How many emails were queued again.',
          content: { 'application/json': { schema: { type: 'object', required: ['retried'], properties: { retried: count }, additionalProperties: false } } },
        },
        '401': errorResponse('No valid session cookie or API token.'),
        '403': errorResponse('The staff member may not send mail.'),
        '404': errorResponse('No such round.'),
      },
    },
  },
};
