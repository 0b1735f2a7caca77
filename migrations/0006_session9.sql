CREATE TABLE `draft_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`version_number` integer NOT NULL,
	`kind` text NOT NULL,
	`before_section_id` text,
	`after_section_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `draft_changes_round_version_idx` ON `draft_changes` (`round_id`,`version_number`);--> statement-breakpoint
CREATE TABLE `draft_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`number` integer NOT NULL,
	`source` text NOT NULL,
	`title` text,
	`split_fixes` text,
	`created_by_staff_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `draft_versions_round_number_unique` ON `draft_versions` (`round_id`,`number`);--> statement-breakpoint
CREATE TABLE `erasure_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`stakeholder_id` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`via` text NOT NULL,
	`round_id` text,
	`requested_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`completed_at` integer,
	`completed_by_staff_id` text,
	FOREIGN KEY (`stakeholder_id`) REFERENCES `stakeholders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `erasure_requests_open_unique` ON `erasure_requests` (`stakeholder_id`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `erasure_requests_status_due_idx` ON `erasure_requests` (`status`,`due_at`);--> statement-breakpoint
CREATE TABLE `inbound_items` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`round_id` text,
	`invitation_id` text,
	`stakeholder_id` text,
	`from_address` text DEFAULT '' NOT NULL,
	`to_address` text DEFAULT '' NOT NULL,
	`subject` text DEFAULT '' NOT NULL,
	`message_id` text,
	`spf` text,
	`dkim` text,
	`dmarc` text,
	`r2_key` text,
	`found` text NOT NULL,
	`unplaced` text NOT NULL,
	`files` text NOT NULL,
	`received_at` integer NOT NULL,
	`uploaded_by_staff_id` text,
	`confirmed_at` integer,
	`confirmed_by_staff_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inbound_items_status_idx` ON `inbound_items` (`status`,`received_at`);--> statement-breakpoint
CREATE INDEX `inbound_items_round_idx` ON `inbound_items` (`round_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_items_message_unique` ON `inbound_items` (`message_id`);--> statement-breakpoint
CREATE TABLE `office_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`office_name` text DEFAULT '' NOT NULL,
	`reference_prefix` text DEFAULT '' NOT NULL,
	`reference_pattern` text DEFAULT '〔{year}〕{n}号' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`postcode` text DEFAULT '' NOT NULL,
	`contact_name` text DEFAULT '' NOT NULL,
	`contact_phone` text DEFAULT '' NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `opinion_changes` (
	`opinion_id` text NOT NULL,
	`change_id` text NOT NULL,
	PRIMARY KEY(`opinion_id`, `change_id`),
	FOREIGN KEY (`opinion_id`) REFERENCES `opinions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`change_id`) REFERENCES `draft_changes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `opinion_changes_change_idx` ON `opinion_changes` (`change_id`);--> statement-breakpoint
CREATE TABLE `version_sections` (
	`version_id` text NOT NULL,
	`section_id` text NOT NULL,
	`key` text NOT NULL,
	`parent_key` text,
	`depth` integer NOT NULL,
	`number` text NOT NULL,
	`heading` text NOT NULL,
	`body` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`version_id`, `section_id`),
	FOREIGN KEY (`version_id`) REFERENCES `draft_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `version_sections_position_idx` ON `version_sections` (`version_id`,`position`);--> statement-breakpoint
ALTER TABLE `draft_opinions` ADD `revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `meeting_attendees` ADD `link_issue` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `opinions` ADD `number` integer NOT NULL DEFAULT 0;--> statement-breakpoint
-- Hand-written: number existing opinions once per round, in draft order.
UPDATE `opinions` SET `number` = (SELECT x.n FROM (SELECT o.id AS id, row_number() OVER (PARTITION BY o.round_id ORDER BY coalesce(rs.position, -1), o.heard_at, o.id) AS n FROM `opinions` o LEFT JOIN `round_sections` rs ON rs.id = o.section_id) x WHERE x.id = `opinions`.`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `opinions_round_number_unique` ON `opinions` (`round_id`,`number`);--> statement-breakpoint
CREATE INDEX `opinions_response_idx` ON `opinions` (`response_id`);--> statement-breakpoint
ALTER TABLE `responses` ADD `draft_stance` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `draft_publication` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `idempotency_key` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `respondent_email` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `email_confirm_token_hash` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `email_confirm_expires_at` integer;--> statement-breakpoint
ALTER TABLE `responses` ADD `email_confirmed_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `responses_idempotency_unique` ON `responses` (`round_id`,`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `responses_email_confirm_unique` ON `responses` (`email_confirm_token_hash`);--> statement-breakpoint
ALTER TABLE `rounds` ADD `split_fixes` text;--> statement-breakpoint
-- Hand-written: open-link responses attributed by a typed address alone keep the address, lose the attribution.
UPDATE `responses` SET `respondent_email` = (SELECT `email_normalized` FROM `stakeholders` WHERE `stakeholders`.`id` = `responses`.`stakeholder_id`), `stakeholder_id` = NULL WHERE `invitation_id` IS NULL AND `stakeholder_id` IS NOT NULL;--> statement-breakpoint
UPDATE `opinions` SET `stakeholder_id` = NULL WHERE `channel` = 'open_link' AND `stakeholder_id` IS NOT NULL;
