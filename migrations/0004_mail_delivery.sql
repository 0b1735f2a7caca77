ALTER TABLE `outbox` ADD `not_before` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `send_group` text;--> statement-breakpoint
CREATE INDEX `outbox_round_idx` ON `outbox` (`round_id`,`status`);--> statement-breakpoint
CREATE INDEX `outbox_send_group_idx` ON `outbox` (`send_group`);