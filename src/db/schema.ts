/** The one schema: every table of the hub. `migrations/` is generated from this file by drizzle-kit. */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Timestamps are UTC milliseconds; pages show them in Asia/Shanghai. */
const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });

export const STAFF_ROLES = ['admin', 'organizer', 'viewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const staffUsers = sqliteTable(
  'staff_users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
    locale: text('locale'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    lastSignInAt: timestamp('last_sign_in_at'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [uniqueIndex('staff_users_email_unique').on(t.email)],
);

/** One-time sign-in links: only the SHA-256 of the token is kept. */
export const signInTokens = sqliteTable(
  'sign_in_tokens',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staffUsers.id),
    expiresAt: timestamp('expires_at').notNull(),
    usedAt: timestamp('used_at'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [uniqueIndex('sign_in_tokens_hash_unique').on(t.tokenHash)],
);

/** Staff sessions; the id is the SHA-256 of the cookie value. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staffUsers.id),
    createdAt: timestamp('created_at').notNull(),
    lastSeenAt: timestamp('last_seen_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    revokedAt: timestamp('revoked_at'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_staff_idx').on(t.staffId)],
);

/** Personal API tokens for scripts, sent as `Authorization: Bearer …`; only the hash is kept. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staffUsers.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The first characters of the token, shown so a user can tell tokens apart. */
    prefix: text('prefix').notNull(),
    createdAt: timestamp('created_at').notNull(),
    lastUsedAt: timestamp('last_used_at'),
    revokedAt: timestamp('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_unique').on(t.tokenHash), index('api_tokens_staff_idx').on(t.staffId)],
);

/** Fixed-window counters for rate limits that must be exact (sign-in per address and per IP). */
export const rateLimitHits = sqliteTable(
  'rate_limit_hits',
  {
    key: text('key').notNull(),
    windowStart: integer('window_start').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/** Who changed what and when. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    actorStaffId: text('actor_staff_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('audit_log_created_idx').on(t.createdAt), index('audit_log_entity_idx').on(t.entityType, t.entityId)],
);

export const STAKEHOLDER_CATEGORIES = [
  'proposer',
  'street',
  'department',
  'enterprise',
  'young_entrepreneur',
  'expert',
  'other',
] as const;
export type StakeholderCategory = (typeof STAKEHOLDER_CATEGORIES)[number];

export const STAKEHOLDER_SOURCES = ['manual', 'import', 'open_link', 'offline', 'demo'] as const;
export type StakeholderSource = (typeof STAKEHOLDER_SOURCES)[number];

export const stakeholders = sqliteTable(
  'stakeholders',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    organization: text('organization').notNull().default(''),
    title: text('title').notNull().default(''),
    category: text('category', { enum: STAKEHOLDER_CATEGORIES }).notNull(),
    email: text('email'),
    /** Lower-cased email: unique, so one address is one stakeholder whatever its letter case. */
    emailNormalized: text('email_normalized'),
    phone: text('phone').notNull().default(''),
    phoneNormalized: text('phone_normalized').notNull().default(''),
    notes: text('notes').notNull().default(''),
    /** The stakeholder agreed to be contacted by the office. */
    consent: integer('consent', { mode: 'boolean' }).notNull().default(true),
    source: text('source', { enum: STAKEHOLDER_SOURCES }).notNull(),
    /** Lower-cased name, organization, title, email, phone and tags, for search. */
    searchText: text('search_text').notNull().default(''),
    /** Set when a hard bounce or complaint makes the address unusable; later sends skip it. */
    unmailableReason: text('unmailable_reason'),
    archivedAt: timestamp('archived_at'),
    /** Personal data erased on request; the row stays so that counts and opinions keep their shape. */
    erasedAt: timestamp('erased_at'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('stakeholders_email_unique').on(t.emailNormalized),
    index('stakeholders_category_idx').on(t.category, t.id),
    index('stakeholders_listing_idx').on(t.erasedAt, t.archivedAt, t.id),
  ],
);

export const stakeholderTags = sqliteTable(
  'stakeholder_tags',
  {
    stakeholderId: text('stakeholder_id')
      .notNull()
      .references(() => stakeholders.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
  },
  (t) => [primaryKey({ columns: [t.stakeholderId, t.tag] }), index('stakeholder_tags_tag_idx').on(t.tag)],
);

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'bounced', 'complained', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * A file sent with a mail. `build` names one made when the mail is sent (a personal 意见反馈表): the row and its queue
 * message stay small, and `contentBase64` is empty until then.
 */
export type OutboxAttachment = { filename: string; contentType: string; contentBase64: string; build?: AttachmentRecipe };
export type AttachmentRecipe = { kind: 'feedback_form'; invitationId: string; format: 'docx' | 'xlsx' };

/** Every email is first a row here, written in the same D1 batch as the change that causes it. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    /** What the mail is for: sign_in, invitation, reminder, confirmation, summary… */
    kind: text('kind').notNull(),
    /** Transactional mail (sign-in links, a copy of one's own feedback) is never suppressed. */
    transactional: integer('transactional', { mode: 'boolean' }).notNull().default(false),
    toEmail: text('to_email').notNull(),
    toName: text('to_name'),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    attachments: text('attachments', { mode: 'json' }).$type<OutboxAttachment[]>(),
    headers: text('headers', { mode: 'json' }).$type<Record<string, string>>(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    provider: text('provider'),
    providerMessageId: text('provider_message_id'),
    stakeholderId: text('stakeholder_id'),
    staffId: text('staff_id'),
    roundId: text('round_id'),
    meetingId: text('meeting_id'),
    createdAt: timestamp('created_at').notNull(),
    statusChangedAt: timestamp('status_changed_at').notNull(),
    sentAt: timestamp('sent_at'),
    /** A row put back after a failed attempt waits for its retry delay; the sweep leaves it alone until then. */
    notBefore: timestamp('not_before'),
    /** The rows sent together in one batch call: a retry sends the same group again under the same idempotency key. */
    sendGroup: text('send_group'),
  },
  (t) => [
    index('outbox_status_idx').on(t.status, t.statusChangedAt),
    index('outbox_created_idx').on(t.createdAt),
    index('outbox_provider_message_idx').on(t.providerMessageId),
    index('outbox_round_idx').on(t.roundId, t.status),
    index('outbox_send_group_idx').on(t.sendGroup),
  ],
);

/** Every status change of an outbox row, timestamped: the message's history. */
export const outboxEvents = sqliteTable(
  'outbox_events',
  {
    id: text('id').primaryKey(),
    outboxId: text('outbox_id')
      .notNull()
      .references(() => outbox.id, { onDelete: 'cascade' }),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull(),
    detail: text('detail'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('outbox_events_outbox_idx').on(t.outboxId, t.createdAt)],
);

/** Small key-value facts about this database (for example which demo data version is loaded). */
export const appMeta = sqliteTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at')
    .notNull()
    .default(sql`(unixepoch() * 1000)`),
});

export const ROUND_STATUSES = ['draft', 'open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export type RoundAudience = { categories: StakeholderCategory[]; tags: string[]; stakeholderIds: string[] };

/** Which personal 意见反馈表 files go with each invitation email (built when the mail is sent). */
export const FEEDBACK_FORM_ATTACHMENTS = ['none', 'docx', 'xlsx', 'both'] as const;
export type FeedbackFormAttachment = (typeof FEEDBACK_FORM_ATTACHMENTS)[number];

/** One consultation on one draft (征求意见轮次). */
export const rounds = sqliteTable(
  'rounds',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    purpose: text('purpose').notNull().default(''),
    /** The draft as pasted or uploaded; sections are split from it. */
    draftSource: text('draft_source').notNull(),
    draftTitle: text('draft_title'),
    /** The organizer's corrections of the split (a line made a heading or body text), applied on every re-split. */
    splitFixes: text('split_fixes', { mode: 'json' }).$type<{ line: string; level: number }[]>(),
    status: text('status', { enum: ROUND_STATUSES }).notNull().default('draft'),
    opensAt: timestamp('opens_at').notNull(),
    closesAt: timestamp('closes_at').notNull(),
    contactName: text('contact_name').notNull().default(''),
    contactPhone: text('contact_phone').notNull().default(''),
    contactAddress: text('contact_address').notNull().default(''),
    /** Why the comment period is shorter than 30 days; shown in the summary. */
    shortPeriodReason: text('short_period_reason'),
    audience: text('audience', { mode: 'json' }).$type<RoundAudience>().notNull(),
    /** The open link (for a QR code at a briefing): only its hash, null when there is none. */
    openLinkTokenHash: text('open_link_token_hash'),
    previousRoundId: text('previous_round_id'),
    createdByStaffId: text('created_by_staff_id'),
    /** Set when an organizer scheduled the round: the clock opens it at opensAt and invites the audience. */
    scheduledAt: timestamp('scheduled_at'),
    openedAt: timestamp('opened_at'),
    closedAt: timestamp('closed_at'),
    /** The revised draft, published with the results ("you said, we did"). */
    revisedDraft: text('revised_draft'),
    /** Set when the results page is public at /p/<id>; null again when withdrawn. */
    publishedAt: timestamp('published_at'),
    /** 随邀请附上意见反馈表: none, or the personal form in Word, Excel or both. */
    feedbackFormAttachment: text('feedback_form_attachment', { enum: FEEDBACK_FORM_ATTACHMENTS }).notNull().default('none'),
    /**
     * Bumped by triggers (migration 0011) on every write that changes the round's figures: its invitations, responses
     * and opinions, and its people's categories. round_figures holds the figures computed at a revision.
     */
    figuresRev: integer('figures_rev').notNull().default(0),
    /**
     * Bumped by triggers (migration 0012) on every write to what the round's staff pages show of the round: itself,
     * its sections, versions, invitations, responses, opinions and their history, templates, mail and meetings. Not by
     * an autosave of a draft (migration 0014): its draft columns and the invitee's last activity are left out.
     * Rendered pages are kept under it and the 'people' revision (ui/page-cache.ts).
     */
    contentRev: integer('content_rev').notNull().default(0),
    /**
     * Bumped by triggers (migration 0013) on every write to the round's sections: the feedback links keep a round's
     * sections in the isolate under it and read them from D1 only when it has moved (features/feedback/service.ts).
     */
    sectionsRev: integer('sections_rev').notNull().default(0),
    /**
     * Bumped by triggers (migration 0014) when an invitee's last activity moves (every autosave of a draft): only the
     * round's own page shows it, so only that page is kept under it too; triage and the summary stay kept.
     */
    activityRev: integer('activity_rev').notNull().default(0),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    index('rounds_status_idx').on(t.status, t.opensAt),
    uniqueIndex('rounds_open_link_unique').on(t.openLinkTokenHash),
  ],
);

/** A round's figures (summaries/figures.ts) as computed at `rev` of rounds.figures_rev, in the shape `format` names. */
export const roundFigures = sqliteTable('round_figures', {
  roundId: text('round_id')
    .primaryKey()
    .references(() => rounds.id, { onDelete: 'cascade' }),
  rev: integer('rev').notNull(),
  format: integer('format').notNull(),
  figures: text('figures').notNull(),
});

/**
 * App-wide revisions bumped by triggers (migration 0012): 'people' on every write to the stakeholders, their tags,
 * staff, the office's settings and mail suppressions, which every round's pages name. One row per scope, so a write
 * costs one row whatever the number of rounds.
 */
export const contentRevisions = sqliteTable('content_revisions', {
  scope: text('scope').primaryKey(),
  rev: integer('rev').notNull(),
});

/** A numbered, nested part of a round's draft (章节). */
export const roundSections = sqliteTable(
  'round_sections',
  {
    id: text('id').primaryKey(),
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    /** The path of positions in the draft (`5.2.1`), stable across a re-split of the same structure. */
    key: text('key').notNull(),
    parentKey: text('parent_key'),
    depth: integer('depth').notNull(),
    number: text('number').notNull(),
    heading: text('heading').notNull(),
    body: text('body').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('round_sections_key_unique').on(t.roundId, t.key), index('round_sections_position_idx').on(t.roundId, t.position)],
);

export const INVITATION_STATUSES = ['invited', 'opened', 'responded', 'declined'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** One stakeholder's personal link to one round; only the SHA-256 of the link's token is kept. */
export const invitations = sqliteTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    stakeholderId: text('stakeholder_id')
      .notNull()
      .references(() => stakeholders.id),
    tokenHash: text('token_hash').notNull(),
    status: text('status', { enum: INVITATION_STATUSES }).notNull().default('invited'),
    invitedAt: timestamp('invited_at').notNull(),
    openedAt: timestamp('opened_at'),
    respondedAt: timestamp('responded_at'),
    declinedAt: timestamp('declined_at'),
    lastActivityAt: timestamp('last_activity_at'),
    revokedAt: timestamp('revoked_at'),
  },
  (t) => [
    uniqueIndex('invitations_round_stakeholder_unique').on(t.roundId, t.stakeholderId),
    uniqueIndex('invitations_token_unique').on(t.tokenHash),
    index('invitations_round_status_idx').on(t.roundId, t.status),
  ],
);

/** Each reminder goes to an invitation at most once: the primary key is the proof. */
export const invitationReminders = sqliteTable(
  'invitation_reminders',
  {
    invitationId: text('invitation_id')
      .notNull()
      .references(() => invitations.id, { onDelete: 'cascade' }),
    /** `before:3d`, `before:1d` for scheduled reminders, `manual:<id>` for one sent by hand. */
    reminderKey: text('reminder_key').notNull(),
    sentAt: timestamp('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.invitationId, t.reminderKey] })],
);

export const STANCES = ['agree', 'mostly_agree', 'amend', 'disagree'] as const;
export type Stance = (typeof STANCES)[number];

export const PUBLICATION_CHOICES = ['name_and_unit', 'unit_only', 'anonymous'] as const;
export type PublicationChoice = (typeof PUBLICATION_CHOICES)[number];

export const RESPONSE_STATUSES = ['draft', 'submitted', 'declined'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

/** What one stakeholder says in one round (反馈): a stance, an overall comment and opinions by section. */
export const responses = sqliteTable(
  'responses',
  {
    id: text('id').primaryKey(),
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    /** Null for feedback given through the open link. */
    invitationId: text('invitation_id').references(() => invitations.id),
    stakeholderId: text('stakeholder_id'),
    respondentName: text('respondent_name').notNull().default(''),
    respondentOrganization: text('respondent_organization').notNull().default(''),
    respondentCategory: text('respondent_category', { enum: STAKEHOLDER_CATEGORIES }),
    stance: text('stance', { enum: STANCES }),
    overall: text('overall').notNull().default(''),
    publication: text('publication', { enum: PUBLICATION_CHOICES }).notNull(),
    status: text('status', { enum: RESPONSE_STATUSES }).notNull().default('draft'),
    /** Raised on every save; a save based on an older revision is merged, never silently lost. */
    revision: integer('revision').notNull().default(0),
    /**
     * The stance and publication choice being edited behind the personal link. `stance` and `publication` are what
     * was last submitted (what staff see); submitting copies these over. Null publication: not edited yet.
     */
    draftStance: text('draft_stance', { enum: STANCES }),
    draftPublication: text('draft_publication', { enum: PUBLICATION_CHOICES }),
    submittedAt: timestamp('submitted_at'),
    /** Open link: the key rendered into the form, so a second press of submit is recognised as the same submission. */
    idempotencyKey: text('idempotency_key'),
    /** Open link: the address typed into the form (lower-cased). It attributes nothing until its owner confirms it. */
    respondentEmail: text('respondent_email'),
    /** SHA-256 of the token mailed to confirm `respondentEmail`; the token itself is never stored. */
    emailConfirmTokenHash: text('email_confirm_token_hash'),
    emailConfirmExpiresAt: timestamp('email_confirm_expires_at'),
    emailConfirmedAt: timestamp('email_confirmed_at'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('responses_invitation_unique').on(t.invitationId),
    index('responses_round_idx').on(t.roundId, t.status),
    uniqueIndex('responses_idempotency_unique').on(t.roundId, t.idempotencyKey),
    uniqueIndex('responses_email_confirm_unique').on(t.emailConfirmTokenHash),
  ],
);

export const CHANNELS = ['link', 'open_link', 'email', 'phone', 'in_person', 'letter', 'meeting'] as const;
export type Channel = (typeof CHANNELS)[number];
export const OFFLINE_CHANNELS = ['phone', 'in_person', 'letter', 'meeting', 'email'] as const satisfies readonly Channel[];

export const DISPOSITIONS = ['pending', 'adopted', 'partly_adopted', 'not_adopted', 'noted'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** One point made on one section or on the whole draft (意见), given online or heard offline. */
export const opinions = sqliteTable(
  'opinions',
  {
    id: text('id').primaryKey(),
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    /** The opinion's number in its round (意见1, 意见2…), given once on insert as the round's max + 1 and never changed. */
    number: integer('number').notNull(),
    responseId: text('response_id').references(() => responses.id, { onDelete: 'cascade' }),
    /** Null: on the whole draft. */
    sectionId: text('section_id').references(() => roundSections.id),
    /** `<responseId>:<sectionId|whole>` for online opinions, so a response holds one opinion per section. */
    responseSlot: text('response_slot'),
    stakeholderId: text('stakeholder_id'),
    authorName: text('author_name').notNull().default(''),
    authorOrganization: text('author_organization').notNull().default(''),
    authorCategory: text('author_category', { enum: STAKEHOLDER_CATEGORIES }),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    heardAt: timestamp('heard_at').notNull(),
    text: text('text').notNull(),
    loggedByStaffId: text('logged_by_staff_id'),
    meetingId: text('meeting_id'),
    disposition: text('disposition', { enum: DISPOSITIONS }).notNull().default('pending'),
    reply: text('reply').notNull().default(''),
    assignee: text('assignee').notNull().default(''),
    dispositionByStaffId: text('disposition_by_staff_id'),
    dispositionAt: timestamp('disposition_at'),
    /** What the published page shows instead of the text when staff redacted it (personal data, insults). */
    redactedText: text('redacted_text'),
    redactedByStaffId: text('redacted_by_staff_id'),
    redactedAt: timestamp('redacted_at'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('opinions_response_slot_unique').on(t.responseSlot),
    uniqueIndex('opinions_round_number_unique').on(t.roundId, t.number),
    // Section by section in number order: the summary's downloads read a round in keyset chunks along it. It also
    // covers every column the figures, triage's order and filters and the heard count read, so those scan the index
    // and never the opinions' texts (12,000 opinions: 33 ms → 3 ms for the figures' counts).
    index('opinions_round_list_idx').on(
      t.roundId,
      t.sectionId,
      t.number,
      t.channel,
      t.disposition,
      t.assignee,
      t.authorCategory,
      t.stakeholderId,
      t.responseId,
      t.authorOrganization,
      t.authorName,
    ),
    // The round page's latest opinions.
    index('opinions_round_heard_idx').on(t.roundId, t.heardAt),
    // Counts by disposition under triage's filters, read from the index alone, in disposition order.
    index('opinions_round_disposition_cover_idx').on(t.roundId, t.disposition, t.channel, t.assignee, t.sectionId, t.authorCategory, t.stakeholderId),
    index('opinions_stakeholder_idx').on(t.stakeholderId, t.heardAt),
    // Whether an invitee was heard in a round (the figures): without it SQLite walks the round's opinions per invitee.
    index('opinions_round_stakeholder_idx').on(t.roundId, t.stakeholderId),
    // Every feedback view and save reads a response's opinions.
    index('opinions_response_idx').on(t.responseId),
  ],
);

/**
 * A stakeholder's work in progress, one row per section (`whole` for the draft as a whole): autosave writes here,
 * submitting copies it into `opinions`. One row per section means two tabs editing different sections never clash.
 */
export const draftOpinions = sqliteTable(
  'draft_opinions',
  {
    responseId: text('response_id')
      .notNull()
      .references(() => responses.id, { onDelete: 'cascade' }),
    /** A section id, or `whole`. */
    slot: text('slot').notNull(),
    text: text('text').notNull(),
    /** Raised by every save of this slot: a save based on an older revision is refused as a conflict. */
    revision: integer('revision').notNull().default(0),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.slot] })],
);

/** Every change of an opinion's disposition, reply or assignee: who, when, from what to what. */
export const opinionHistory = sqliteTable(
  'opinion_history',
  {
    id: text('id').primaryKey(),
    opinionId: text('opinion_id')
      .notNull()
      .references(() => opinions.id, { onDelete: 'cascade' }),
    staffId: text('staff_id'),
    fromDisposition: text('from_disposition', { enum: DISPOSITIONS }),
    toDisposition: text('to_disposition', { enum: DISPOSITIONS }).notNull(),
    fromReply: text('from_reply'),
    toReply: text('to_reply').notNull(),
    fromAssignee: text('from_assignee'),
    toAssignee: text('to_assignee').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('opinion_history_opinion_idx').on(t.opinionId, t.createdAt)],
);

/** Reply texts staff choose from when answering opinions; per round, or for every round when roundId is null. */
export const replyTemplates = sqliteTable(
  'reply_templates',
  {
    id: text('id').primaryKey(),
    roundId: text('round_id').references(() => rounds.id, { onDelete: 'cascade' }),
    disposition: text('disposition', { enum: DISPOSITIONS }),
    label: text('label').notNull(),
    text: text('text').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('reply_templates_round_idx').on(t.roundId, t.position)],
);

/**
 * One row per person a round-level mailing went to (the summary, the published dispositions): the primary key
 * makes sending again reach only those not yet reached.
 */
export const roundMailings = sqliteTable(
  'round_mailings',
  {
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    /** `summary`, `dispositions_published`… */
    kind: text('kind').notNull(),
    /** Lower-cased email address. */
    recipient: text('recipient').notNull(),
    outboxId: text('outbox_id'),
    sentAt: timestamp('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.kind, t.recipient] })],
);

export const MEETING_STATUSES = ['scheduled', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** A numbered breakfast meeting (第N期早餐会) of a series. */
export const meetings = sqliteTable(
  'meetings',
  {
    id: text('id').primaryKey(),
    series: text('series').notNull(),
    /** 第N期: numbered automatically within the series. */
    number: integer('number').notNull(),
    title: text('title').notNull(),
    topic: text('topic').notNull().default(''),
    /** Null while a time poll is still running. */
    startsAt: timestamp('starts_at'),
    durationMinutes: integer('duration_minutes').notNull().default(90),
    venue: text('venue').notNull().default(''),
    address: text('address').notNull().default(''),
    directions: text('directions').notNull().default(''),
    capacity: integer('capacity').notNull(),
    agenda: text('agenda').notNull().default(''),
    host: text('host').notNull().default(''),
    roundId: text('round_id').references(() => rounds.id),
    status: text('status', { enum: MEETING_STATUSES }).notNull().default('scheduled'),
    /** The calendar SEQUENCE: raised on every change invitees are told about. */
    sequence: integer('sequence').notNull().default(0),
    minutesSummary: text('minutes_summary').notNull().default(''),
    createdByStaffId: text('created_by_staff_id'),
    cancelledAt: timestamp('cancelled_at'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [uniqueIndex('meetings_series_number_unique').on(t.series, t.number), index('meetings_starts_idx').on(t.startsAt)],
);

/** Candidate times of a meeting's poll, before the organizer fixes one. */
export const meetingTimeOptions = sqliteTable(
  'meeting_time_options',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [index('meeting_time_options_meeting_idx').on(t.meetingId, t.position)],
);

/** `delegate` (委派出席): the invitee does not come, a named deputy takes the seat instead. */
export const RSVP_ANSWERS = ['pending', 'attend', 'delegate', 'maybe', 'decline', 'waitlist'] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];
/** Answers that hold a seat (and a check-in code at the door). */
export const SEATED_ANSWERS = ['attend', 'delegate'] as const satisfies readonly RsvpAnswer[];

/** One invitee of a meeting (or a walk-in): the RSVP link, the answer, the seat or waitlist place, the check-in. */
export const meetingAttendees = sqliteTable(
  'meeting_attendees',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    /** Null for a walk-in who is not in the directory. */
    stakeholderId: text('stakeholder_id').references(() => stakeholders.id),
    name: text('name').notNull(),
    organization: text('organization').notNull().default(''),
    /** The RSVP link /m/<token>: only its hash; null for walk-ins. */
    tokenHash: text('token_hash'),
    /**
     * How many times the link was issued: the token is HMAC(secret, id/issue), so later mails can carry the link
     * again without the token being stored. 0 for links issued as plain random tokens (those mails say "use the first").
     */
    linkIssue: integer('link_issue').notNull().default(0),
    rsvp: text('rsvp', { enum: RSVP_ANSWERS }).notNull().default('pending'),
    note: text('note').notNull().default(''),
    deputyName: text('deputy_name').notNull().default(''),
    deputyTitle: text('deputy_title').notNull().default(''),
    /** When the attendee joined the waitlist: the first in line is promoted first. */
    waitlistedAt: timestamp('waitlisted_at'),
    /** Short code shown at the door (no confusable characters); unique within the meeting. */
    checkInCode: text('check_in_code').notNull(),
    checkedInAt: timestamp('checked_in_at'),
    walkIn: integer('walk_in', { mode: 'boolean' }).notNull().default(false),
    invitedAt: timestamp('invited_at'),
    respondedAt: timestamp('responded_at'),
    revokedAt: timestamp('revoked_at'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('meeting_attendees_meeting_stakeholder_unique').on(t.meetingId, t.stakeholderId),
    uniqueIndex('meeting_attendees_token_unique').on(t.tokenHash),
    uniqueIndex('meeting_attendees_code_unique').on(t.meetingId, t.checkInCode),
    index('meeting_attendees_rsvp_idx').on(t.meetingId, t.rsvp),
  ],
);

export const POLL_ANSWERS = ['yes', 'if_need_be', 'no'] as const;
export type PollAnswer = (typeof POLL_ANSWERS)[number];

export const meetingTimeVotes = sqliteTable(
  'meeting_time_votes',
  {
    optionId: text('option_id')
      .notNull()
      .references(() => meetingTimeOptions.id, { onDelete: 'cascade' }),
    attendeeId: text('attendee_id')
      .notNull()
      .references(() => meetingAttendees.id, { onDelete: 'cascade' }),
    answer: text('answer', { enum: POLL_ANSWERS }).notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.optionId, t.attendeeId] })],
);

/** Each meeting reminder goes to an attendee at most once. */
export const meetingReminders = sqliteTable(
  'meeting_reminders',
  {
    attendeeId: text('attendee_id')
      .notNull()
      .references(() => meetingAttendees.id, { onDelete: 'cascade' }),
    /** `day_before`, `morning`. */
    reminderKey: text('reminder_key').notNull(),
    sentAt: timestamp('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.attendeeId, t.reminderKey] })],
);

export const SUPPRESSION_REASONS = ['unsubscribe', 'bounce', 'complaint'] as const;

/** Addresses that must not get a kind of non-transactional mail (`*` for every kind). */
export const mailSuppressions = sqliteTable(
  'mail_suppressions',
  {
    /** Lower-cased email address. */
    email: text('email').notNull(),
    kind: text('kind').notNull(),
    reason: text('reason', { enum: SUPPRESSION_REASONS }).notNull(),
    stakeholderId: text('stakeholder_id'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.email, t.kind] })],
);

/** Provider webhook deliveries already processed (by their svix-id), so a replay changes nothing. */
export const webhookEvents = sqliteTable('webhook_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: timestamp('received_at').notNull(),
});

/** Files a stakeholder attached to their feedback; the bytes live in R2 under `r2Key`. Removing hides, keeps the row. */
export const feedbackAttachments = sqliteTable(
  'feedback_attachments',
  {
    id: text('id').primaryKey(),
    responseId: text('response_id')
      .notNull()
      .references(() => responses.id, { onDelete: 'cascade' }),
    roundId: text('round_id').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    r2Key: text('r2_key').notNull(),
    createdAt: timestamp('created_at').notNull(),
    removedAt: timestamp('removed_at'),
  },
  (t) => [index('feedback_attachments_response_idx').on(t.responseId)],
);

export const ERASURE_REQUEST_STATUSES = ['open', 'completed'] as const;
export type ErasureRequestStatus = (typeof ERASURE_REQUEST_STATUSES)[number];

/**
 * A stakeholder's request to erase their personal data (PIPL art. 47), due within 15 working days. One open
 * request per stakeholder: asking again while one is open finds the same row. Holds no personal data itself.
 */
export const erasureRequests = sqliteTable(
  'erasure_requests',
  {
    id: text('id').primaryKey(),
    stakeholderId: text('stakeholder_id')
      .notNull()
      .references(() => stakeholders.id),
    status: text('status', { enum: ERASURE_REQUEST_STATUSES }).notNull().default('open'),
    /** Where it was asked: `feedback_link` (the only way so far). */
    via: text('via').notNull(),
    roundId: text('round_id'),
    requestedAt: timestamp('requested_at').notNull(),
    dueAt: timestamp('due_at').notNull(),
    completedAt: timestamp('completed_at'),
    completedByStaffId: text('completed_by_staff_id'),
  },
  (t) => [
    uniqueIndex('erasure_requests_open_unique').on(t.stakeholderId).where(sql`status = 'open'`),
    index('erasure_requests_status_due_idx').on(t.status, t.dueAt),
  ],
);

/**
 * A revision of a round's draft (版本), numbered 2, 3, … within the round: version 1 is the draft the round was
 * created with, read from `rounds` and `round_sections`, so that rounds from before versions need no backfill.
 */
export const draftVersions = sqliteTable(
  'draft_versions',
  {
    id: text('id').primaryKey(),
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    source: text('source').notNull(),
    title: text('title'),
    splitFixes: text('split_fixes', { mode: 'json' }).$type<{ line: string; level: number }[]>(),
    createdByStaffId: text('created_by_staff_id'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [uniqueIndex('draft_versions_round_number_unique').on(t.roundId, t.number)],
);

/** A unit of a version. `sectionId` is the unit's identity across versions: a unit that survives keeps it. */
export const versionSections = sqliteTable(
  'version_sections',
  {
    versionId: text('version_id')
      .notNull()
      .references(() => draftVersions.id, { onDelete: 'cascade' }),
    sectionId: text('section_id').notNull(),
    key: text('key').notNull(),
    parentKey: text('parent_key'),
    depth: integer('depth').notNull(),
    number: text('number').notNull(),
    heading: text('heading').notNull(),
    body: text('body').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.sectionId] }), index('version_sections_position_idx').on(t.versionId, t.position)],
);

export const CHANGE_KINDS = ['modified', 'added', 'removed', 'moved'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * One unit's difference from the version before (修改). A split leaves an `added` unit whose `beforeSectionId`
 * is the unit it came from; a merge leaves a `removed` unit whose `afterSectionId` is the unit it went into.
 */
export const draftChanges = sqliteTable(
  'draft_changes',
  {
    id: text('id').primaryKey(),
    roundId: text('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    /** The version this change leads to. */
    versionNumber: integer('version_number').notNull(),
    kind: text('kind', { enum: CHANGE_KINDS }).notNull(),
    beforeSectionId: text('before_section_id'),
    afterSectionId: text('after_section_id'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('draft_changes_round_version_idx').on(t.roundId, t.versionNumber)],
);

/** Which changes carry out which opinion: many to many. */
export const opinionChanges = sqliteTable(
  'opinion_changes',
  {
    opinionId: text('opinion_id')
      .notNull()
      .references(() => opinions.id, { onDelete: 'cascade' }),
    changeId: text('change_id')
      .notNull()
      .references(() => draftChanges.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.opinionId, t.changeId] }), index('opinion_changes_change_idx').on(t.changeId)],
);

/**
 * The issuing office as every generated document names it (答复, 汇总): one row, id `office`, edited by admins.
 * `referencePattern` is the 文号 after the prefix: `{year}` becomes the year, `{n}` stays blank for the number.
 */
export const officeSettings = sqliteTable('office_settings', {
  id: text('id').primaryKey(),
  officeName: text('office_name').notNull().default(''),
  referencePrefix: text('reference_prefix').notNull().default(''),
  referencePattern: text('reference_pattern').notNull().default('〔{year}〕{n}号'),
  address: text('address').notNull().default(''),
  postcode: text('postcode').notNull().default(''),
  contactName: text('contact_name').notNull().default(''),
  contactPhone: text('contact_phone').notNull().default(''),
  updatedAt: timestamp('updated_at').notNull(),
});

export const INBOUND_SOURCES = ['email', 'upload'] as const;
export type InboundSource = (typeof INBOUND_SOURCES)[number];

/** pending: opinions found, waiting for staff to confirm · unmatched: staff must look · ignored: bounce, auto-reply. */
export const INBOUND_STATUSES = ['pending', 'confirmed', 'unmatched', 'ignored', 'dismissed'] as const;
export type InboundStatus = (typeof INBOUND_STATUSES)[number];

export type InboundOpinion = { sectionId: string | null; label: string; text: string };
export type InboundRow = { label: string; text: string };
export type InboundFile = { filename: string; contentType: string; size: number; r2Key: string | null };

/**
 * Opinions that arrived outside the feedback page — a reply by email, a filled 意见反馈表 uploaded by staff — kept
 * as found until staff confirm them into `opinions`; and mail that could not be matched or is no opinion at all.
 */
export const inboundItems = sqliteTable(
  'inbound_items',
  {
    id: text('id').primaryKey(),
    source: text('source', { enum: INBOUND_SOURCES }).notNull(),
    status: text('status', { enum: INBOUND_STATUSES }).notNull(),
    /** Why it is unmatched or ignored: `unknown_address`, `unknown_sender`, `round_closed`, `auto_reply`, `bounce`… */
    reason: text('reason'),
    roundId: text('round_id').references(() => rounds.id, { onDelete: 'cascade' }),
    invitationId: text('invitation_id').references(() => invitations.id),
    stakeholderId: text('stakeholder_id'),
    /** A calendar reply (iMIP) to a meeting invitation: the meeting whose RSVP it answered. */
    meetingId: text('meeting_id'),
    fromAddress: text('from_address').notNull().default(''),
    toAddress: text('to_address').notNull().default(''),
    subject: text('subject').notNull().default(''),
    messageId: text('message_id'),
    /** What the receiving mail server found: `pass`, `fail`, `softfail`, `none`… */
    spf: text('spf'),
    dkim: text('dkim'),
    dmarc: text('dmarc'),
    /** The raw message (or uploaded file) in the ATTACHMENTS bucket. */
    r2Key: text('r2_key'),
    found: text('found', { mode: 'json' }).$type<InboundOpinion[]>().notNull(),
    unplaced: text('unplaced', { mode: 'json' }).$type<InboundRow[]>().notNull(),
    files: text('files', { mode: 'json' }).$type<InboundFile[]>().notNull(),
    /** The text read from attachments other than the 意见反馈表 (DOCX, TXT), for search; PDF is not read. */
    attachmentText: text('attachment_text').notNull().default(''),
    receivedAt: timestamp('received_at').notNull(),
    uploadedByStaffId: text('uploaded_by_staff_id'),
    confirmedAt: timestamp('confirmed_at'),
    confirmedByStaffId: text('confirmed_by_staff_id'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    index('inbound_items_status_idx').on(t.status, t.receivedAt),
    index('inbound_items_round_idx').on(t.roundId, t.status),
    uniqueIndex('inbound_items_message_unique').on(t.messageId),
  ],
);
