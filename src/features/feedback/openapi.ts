/** OpenAPI 3.1 path items of the feedback API (merged into /api/v1/openapi.json). */
import { PUBLICATION_CHOICES, RESPONSE_STATUSES, STANCES } from '../../db/schema';
import { OPINION_MAX_CHARS, OPINIONS_PER_REQUEST_MAX, OVERALL_MAX_CHARS } from './schemas';
import { errorSchema, json } from '../../lib/openapi';

const stance = { enum: [...STANCES], description: '同意 agree · 基本同意 mostly_agree · 有修改意见 amend · 不同意 disagree' };
const publication = { enum: [...PUBLICATION_CHOICES], description: 'How the comments may be attributed when published.' };

const feedback = {
  type: 'object',
  required: ['round', 'sections', 'response'],
  properties: {
    round: {
      type: 'object',
      required: ['id', 'title', 'purpose', 'status', 'opensAt', 'closesAt', 'contact'],
      properties: {
        id: { type: 'string' },
        title: { type: 'string' },
        purpose: { type: 'string' },
        status: { enum: ['draft', 'open', 'closed'], description: '`closed` as soon as closesAt has passed.' },
        opensAt: { type: 'string', format: 'date-time' },
        closesAt: { type: 'string', format: 'date-time' },
        contact: {
          type: 'object',
          required: ['name', 'phone', 'address'],
          properties: { name: { type: 'string' }, phone: { type: 'string' }, address: { type: 'string' } },
        },
      },
    },
    sections: {
      type: 'array',
      description: 'The draft in reading order.',
      items: {
        type: 'object',
        required: ['id', 'number', 'heading', 'body', 'depth', 'parentId'],
        properties: {
          id: { type: 'string' },
          number: { type: 'string', examples: ['五（二）1'] },
          heading: { type: 'string' },
          body: { type: 'string' },
          depth: { type: 'integer', minimum: 0, description: '0 for a preamble, 1 for chapters.' },
          parentId: { type: ['string', 'null'] },
        },
      },
    },
    response: {
      description: 'What this stakeholder has given so far (work in progress included); null before the first save.',
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['status', 'stance', 'publication', 'overall', 'opinions', 'submittedAt', 'revision'],
          properties: {
            status: { enum: [...RESPONSE_STATUSES] },
            stance: { oneOf: [stance, { type: 'null' }] },
            publication,
            overall: { type: 'string' },
            opinions: {
              type: 'array',
              items: { type: 'object', required: ['sectionId', 'text'], properties: { sectionId: { type: 'string' }, text: { type: 'string' } } },
            },
            submittedAt: { type: ['string', 'null'], format: 'date-time' },
            revision: { type: 'integer', description: 'Raised on every save.' },
          },
        },
      ],
    },
  },
};

const feedbackInput = {
  type: 'object',
  properties: {
    stance: { oneOf: [stance, { type: 'null' }] },
    overall: { type: 'string', maxLength: OVERALL_MAX_CHARS, description: 'The comment on the whole draft; omitted: unchanged.' },
    opinions: {
      type: 'array',
      maxItems: OPINIONS_PER_REQUEST_MAX,
      description: 'Comments by section; sections not listed keep what they have, an empty text clears one.',
      items: {
        type: 'object',
        required: ['sectionId', 'text'],
        properties: { sectionId: { type: 'string' }, text: { type: 'string', maxLength: OPINION_MAX_CHARS } },
      },
    },
    publication,
    submit: { type: 'boolean', default: false, description: 'true: submit (opinions are recorded and a copy is emailed); false: save only.' },
  },
};


const tokenParam = { name: 'token', in: 'path', required: true, description: 'The token of the personal link `/f/<token>`.', schema: { type: 'string' } };
const notFound = { description: 'Unknown or revoked token (`not_found`)', ...json(errorSchema) };

export const openApiPaths: Record<string, unknown> = {
  '/api/v1/feedback/{token}': {
    parameters: [tokenParam],
    get: {
      summary: 'A stakeholder’s round, its sections and what they have given',
      description: 'The personal link token is the credential: no session or API token. Marks the invitation opened.',
      security: [],
      responses: { 200: { description: 'The feedback', ...json(feedback) }, 404: notFound },
    },
    put: {
      summary: 'Save or submit a stakeholder’s feedback',
      description:
        'Saves the listed changes; with `submit: true` also records them as opinions (resubmitting updates, never duplicates) ' +
        'and emails the stakeholder a copy. Editable until the round closes.',
      security: [],
      requestBody: { required: true, ...json(feedbackInput) },
      responses: {
        200: { description: 'The feedback after the change', ...json(feedback) },
        400: { description: 'Body is not JSON (`invalid_json`)', ...json(errorSchema) },
        404: notFound,
        409: { description: 'The round is closed (`round_closed`) or not open yet (`round_not_open`); nothing changed', ...json(errorSchema) },
        422: {
          description: 'Too long or invalid (`invalid_input`), an unknown section (`unknown_section`, named in the message and fields), or a submit with no comment and no stance (`empty`)',
          ...json(errorSchema),
        },
      },
    },
  },
};
