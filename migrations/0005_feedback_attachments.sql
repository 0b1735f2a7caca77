CREATE TABLE `feedback_attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`response_id` text NOT NULL,
	`round_id` text NOT NULL,
	`filename` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`r2_key` text NOT NULL,
	`created_at` integer NOT NULL,
	`removed_at` integer,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `feedback_attachments_response_idx` ON `feedback_attachments` (`response_id`);