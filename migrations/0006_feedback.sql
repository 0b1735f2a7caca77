ALTER TABLE `draft_opinions` ADD `revision` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `responses` ADD `draft_stance` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `draft_publication` text;