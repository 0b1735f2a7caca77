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
CREATE INDEX `erasure_requests_status_due_idx` ON `erasure_requests` (`status`,`due_at`);