ALTER TABLE `inbound_items` ADD `meeting_id` text;--> statement-breakpoint
ALTER TABLE `inbound_items` ADD `attachment_text` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `rounds` ADD `feedback_form_attachment` text DEFAULT 'none' NOT NULL;
