DROP INDEX `opinions_round_section_idx`;--> statement-breakpoint
CREATE INDEX `opinions_round_section_number_idx` ON `opinions` (`round_id`,`section_id`,`number`);--> statement-breakpoint
CREATE INDEX `opinions_round_heard_idx` ON `opinions` (`round_id`,`heard_at`);