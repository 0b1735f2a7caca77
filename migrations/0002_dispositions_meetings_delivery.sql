CREATE TABLE `mail_suppressions` (
	`email` text NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`stakeholder_id` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`email`, `kind`)
);
--> statement-breakpoint
CREATE TABLE `meeting_attendees` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`stakeholder_id` text,
	`name` text NOT NULL,
	`organization` text DEFAULT '' NOT NULL,
	`token_hash` text,
	`rsvp` text DEFAULT 'pending' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`deputy_name` text DEFAULT '' NOT NULL,
	`deputy_title` text DEFAULT '' NOT NULL,
	`waitlisted_at` integer,
	`check_in_code` text NOT NULL,
	`checked_in_at` integer,
	`walk_in` integer DEFAULT false NOT NULL,
	`invited_at` integer,
	`responded_at` integer,
	`revoked_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`stakeholder_id`) REFERENCES `stakeholders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_attendees_meeting_stakeholder_unique` ON `meeting_attendees` (`meeting_id`,`stakeholder_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_attendees_token_unique` ON `meeting_attendees` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_attendees_code_unique` ON `meeting_attendees` (`meeting_id`,`check_in_code`);--> statement-breakpoint
CREATE INDEX `meeting_attendees_rsvp_idx` ON `meeting_attendees` (`meeting_id`,`rsvp`);--> statement-breakpoint
CREATE TABLE `meeting_reminders` (
	`attendee_id` text NOT NULL,
	`reminder_key` text NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`attendee_id`, `reminder_key`),
	FOREIGN KEY (`attendee_id`) REFERENCES `meeting_attendees`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `meeting_time_options` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`starts_at` integer NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `meeting_time_options_meeting_idx` ON `meeting_time_options` (`meeting_id`,`position`);--> statement-breakpoint
CREATE TABLE `meeting_time_votes` (
	`option_id` text NOT NULL,
	`attendee_id` text NOT NULL,
	`answer` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`option_id`, `attendee_id`),
	FOREIGN KEY (`option_id`) REFERENCES `meeting_time_options`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`attendee_id`) REFERENCES `meeting_attendees`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`series` text NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`topic` text DEFAULT '' NOT NULL,
	`starts_at` integer,
	`duration_minutes` integer DEFAULT 90 NOT NULL,
	`venue` text DEFAULT '' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`directions` text DEFAULT '' NOT NULL,
	`capacity` integer NOT NULL,
	`agenda` text DEFAULT '' NOT NULL,
	`host` text DEFAULT '' NOT NULL,
	`round_id` text,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`minutes_summary` text DEFAULT '' NOT NULL,
	`created_by_staff_id` text,
	`cancelled_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_series_number_unique` ON `meetings` (`series`,`number`);--> statement-breakpoint
CREATE INDEX `meetings_starts_idx` ON `meetings` (`starts_at`);--> statement-breakpoint
CREATE TABLE `opinion_history` (
	`id` text PRIMARY KEY NOT NULL,
	`opinion_id` text NOT NULL,
	`staff_id` text,
	`from_disposition` text,
	`to_disposition` text NOT NULL,
	`from_reply` text,
	`to_reply` text NOT NULL,
	`from_assignee` text,
	`to_assignee` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`opinion_id`) REFERENCES `opinions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `opinion_history_opinion_idx` ON `opinion_history` (`opinion_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `reply_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`round_id` text,
	`disposition` text,
	`label` text NOT NULL,
	`text` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reply_templates_round_idx` ON `reply_templates` (`round_id`,`position`);--> statement-breakpoint
CREATE TABLE `round_mailings` (
	`round_id` text NOT NULL,
	`kind` text NOT NULL,
	`recipient` text NOT NULL,
	`outbox_id` text,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`round_id`, `kind`, `recipient`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `opinions` ADD `redacted_text` text;--> statement-breakpoint
ALTER TABLE `opinions` ADD `redacted_by_staff_id` text;--> statement-breakpoint
ALTER TABLE `opinions` ADD `redacted_at` integer;--> statement-breakpoint
ALTER TABLE `rounds` ADD `revised_draft` text;--> statement-breakpoint
ALTER TABLE `rounds` ADD `published_at` integer;