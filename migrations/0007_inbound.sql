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
CREATE UNIQUE INDEX `inbound_items_message_unique` ON `inbound_items` (`message_id`);