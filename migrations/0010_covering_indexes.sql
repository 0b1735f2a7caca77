DROP INDEX `opinions_round_section_number_idx`;--> statement-breakpoint
DROP INDEX `opinions_round_disposition_idx`;--> statement-breakpoint
CREATE INDEX `opinions_round_list_idx` ON `opinions` (`round_id`,`section_id`,`number`,`channel`,`disposition`,`assignee`,`author_category`,`stakeholder_id`,`response_id`,`author_organization`,`author_name`);--> statement-breakpoint
CREATE INDEX `opinions_round_disposition_cover_idx` ON `opinions` (`round_id`,`disposition`,`channel`,`assignee`,`section_id`,`author_category`,`stakeholder_id`);