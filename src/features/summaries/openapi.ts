/** OpenAPI description of the summary API. */
import { dateTime, errorResponse, jsonResponse, nullable } from '../../lib/openapi';
import { CHANNELS, DISPOSITIONS, ROUND_STATUSES, STAKEHOLDER_CATEGORIES } from '../../db/schema';
import { PAGE_LIMIT_MAX, PAGE_OFFSET_MAX } from './json';
import { CHANNEL_GROUPS } from './figures';

const counts = (keys: readonly string[]) => ({ type: 'object', properties: Object.fromEntries(keys.map((k) => [k, { type: 'integer' }])) });
const dispositionCounts = { ...counts(DISPOSITIONS), required: [...DISPOSITIONS] };

/** The figures of a round, shared by the summary and /api/v1/rounds/{id}/stats (see summaries/figures.ts). */
export const figuresSchema = {
  type: 'object',
  required: ['invited', 'opened', 'heard', 'heardInvited', 'declined', 'responseRate', 'heardByChannel', 'byCategory', 'byChannel', 'opinionCounts', 'dispositions'],
  properties: {
    invited: { type: 'integer', description: 'Live (unrevoked) invitations: the audience.' },
    opened: { type: 'integer', description: 'Invitees who opened their link (answering implies opening).' },
    heard: { type: 'integer', description: 'Everyone heard by any channel, each person once, the uninvited (open link, meetings) included.' },
    heardInvited: { type: 'integer', description: 'Invitees heard by any channel (online, phone, in person, letter or email, meeting), each once.' },
    declined: { type: 'integer', description: 'Invitees who declined to comment and were not heard otherwise.' },
    responseRate: { type: 'number', description: 'heardInvited ÷ invited (0–1, four decimals), 0 when nobody was invited.' },
    heardByChannel: { ...counts(CHANNEL_GROUPS), required: [...CHANNEL_GROUPS], description: 'People heard by each kind of channel; one person may count under several. Email counts as letter.' },
    byCategory: {
      type: 'object',
      description: 'Per stakeholder category present in the audience.',
      propertyNames: { enum: [...STAKEHOLDER_CATEGORIES] },
      additionalProperties: counts(['invited', 'opened', 'heard', 'declined']),
    },
    byChannel: { type: 'object', description: 'Opinions (not people) by channel.', propertyNames: { enum: [...CHANNELS] }, additionalProperties: { type: 'integer' } },
    opinionCounts: counts(['total', 'online', 'offline']),
    dispositions: dispositionCounts,
  },
};

const summarySchema = {
  type: 'object',
  required: ['round', ...figuresSchema.required, 'sections', 'opinions'],
  properties: {
    round: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'string', enum: [...ROUND_STATUSES] },
        opensAt: dateTime,
        closesAt: { ...dateTime, description: 'The planned end.' },
        closedAt: nullable({ ...dateTime, description: 'When the round closed; before closesAt when closed early.' }),
        publishedAt: nullable(dateTime),
      },
    },
    ...figuresSchema.properties,
    sections: {
      type: 'array',
      description: 'The whole draft first (id null), then every section in draft order.',
      items: {
        type: 'object',
        properties: { id: nullable({ type: 'string' }), number: nullable({ type: 'string' }), heading: nullable({ type: 'string' }), opinions: { type: 'integer' }, dispositions: dispositionCounts },
      },
    },
    opinionsTotal: { type: 'integer' },
    nextOffset: nullable({ type: 'integer' }),
    opinions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          seq: { type: 'integer', description: '序号 in the 意见采纳情况表.' },
          id: { type: 'string' },
          sectionId: nullable({ type: 'string' }),
          sectionNumber: nullable({ type: 'string' }),
          sectionHeading: nullable({ type: 'string' }),
          text: { type: 'string' },
          authorName: { type: 'string' },
          authorOrganization: { type: 'string' },
          authorCategory: nullable({ type: 'string', enum: [...STAKEHOLDER_CATEGORIES] }),
          channel: { type: 'string', enum: [...CHANNELS] },
          heardAt: dateTime,
          disposition: { type: 'string', enum: [...DISPOSITIONS] },
          reply: { type: 'string' },
          confirmed: nullable({ type: 'boolean', description: 'Open link only: false while the email address the respondent typed is unconfirmed (the opinion is attributed to nobody), true once its owner confirmed it; null when no address was typed or the opinion came another way.' }),
        },
      },
    },
  },
};

export const openApiPaths: Record<string, unknown> = {
  '/api/v1/rounds/{id}/summary': {
    get: {
      summary: 'A round’s summary (意见采纳情况汇总): who was asked and answered, dispositions by section, every opinion',
      description: 'The figures of the summary page and downloads. Opinions are all returned unless `limit` is given.',
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, maximum: PAGE_OFFSET_MAX, default: 0 } },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 0, maximum: PAGE_LIMIT_MAX }, description: 'Opinions per page; omit for all.' },
      ],
      responses: {
        '200': jsonResponse('The summary', summarySchema),
        '400': errorResponse('`offset` or `limit` is not a whole number in range (code `invalid_input`)'),
        '401': errorResponse('Not signed in'),
        '404': errorResponse('No such round'),
      },
    },
  },
};
