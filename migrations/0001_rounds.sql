CREATE TABLE `draft_opinions` (
	`response_id` text NOT NULL,
	`slot` text NOT NULL,
	`text` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`response_id`, `slot`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `invitation_reminders` (
	`invitation_id` text NOT NULL,
	`reminder_key` text NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`invitation_id`, `reminder_key`),
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`stakeholder_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`status` text DEFAULT 'invited' NOT NULL,
	`invited_at` integer NOT NULL,
	`opened_at` integer,
	`responded_at` integer,
	`declined_at` integer,
	`last_activity_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`stakeholder_id`) REFERENCES `stakeholders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_round_stakeholder_unique` ON `invitations` (`round_id`,`stakeholder_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_unique` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_round_status_idx` ON `invitations` (`round_id`,`status`);--> statement-breakpoint
CREATE TABLE `opinions` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`response_id` text,
	`section_id` text,
	`response_slot` text,
	`stakeholder_id` text,
	`author_name` text DEFAULT '' NOT NULL,
	`author_organization` text DEFAULT '' NOT NULL,
	`author_category` text,
	`channel` text NOT NULL,
	`heard_at` integer NOT NULL,
	`text` text NOT NULL,
	`logged_by_staff_id` text,
	`meeting_id` text,
	`disposition` text DEFAULT 'pending' NOT NULL,
	`reply` text DEFAULT '' NOT NULL,
	`assignee` text DEFAULT '' NOT NULL,
	`disposition_by_staff_id` text,
	`disposition_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`section_id`) REFERENCES `round_sections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `opinions_response_slot_unique` ON `opinions` (`response_slot`);--> statement-breakpoint
CREATE INDEX `opinions_round_section_idx` ON `opinions` (`round_id`,`section_id`);--> statement-breakpoint
CREATE INDEX `opinions_round_disposition_idx` ON `opinions` (`round_id`,`disposition`);--> statement-breakpoint
CREATE INDEX `opinions_stakeholder_idx` ON `opinions` (`stakeholder_id`,`heard_at`);--> statement-breakpoint
CREATE TABLE `responses` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`invitation_id` text,
	`stakeholder_id` text,
	`respondent_name` text DEFAULT '' NOT NULL,
	`respondent_organization` text DEFAULT '' NOT NULL,
	`respondent_category` text,
	`stance` text,
	`overall` text DEFAULT '' NOT NULL,
	`publication` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`submitted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `responses_invitation_unique` ON `responses` (`invitation_id`);--> statement-breakpoint
CREATE INDEX `responses_round_idx` ON `responses` (`round_id`,`status`);--> statement-breakpoint
CREATE TABLE `round_sections` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text NOT NULL,
	`key` text NOT NULL,
	`parent_key` text,
	`depth` integer NOT NULL,
	`number` text NOT NULL,
	`heading` text NOT NULL,
	`body` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `round_sections_key_unique` ON `round_sections` (`round_id`,`key`);--> statement-breakpoint
CREATE INDEX `round_sections_position_idx` ON `round_sections` (`round_id`,`position`);--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`purpose` text DEFAULT '' NOT NULL,
	`draft_source` text NOT NULL,
	`draft_title` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`opens_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`contact_name` text DEFAULT '' NOT NULL,
	`contact_phone` text DEFAULT '' NOT NULL,
	`contact_address` text DEFAULT '' NOT NULL,
	`short_period_reason` text,
	`audience` text NOT NULL,
	`open_link_token_hash` text,
	`previous_round_id` text,
	`created_by_staff_id` text,
	`opened_at` integer,
	`closed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rounds_status_idx` ON `rounds` (`status`,`opens_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `rounds_open_link_unique` ON `rounds` (`open_link_token_hash`);