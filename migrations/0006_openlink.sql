ALTER TABLE `responses` ADD `idempotency_key` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `respondent_email` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `email_confirm_token_hash` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `email_confirm_expires_at` integer;--> statement-breakpoint
ALTER TABLE `responses` ADD `email_confirmed_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `responses_idempotency_unique` ON `responses` (`round_id`,`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `responses_email_confirm_unique` ON `responses` (`email_confirm_token_hash`);--> statement-breakpoint
-- Hand-written: open-link responses attributed by a typed address alone keep the address, lose the attribution.
UPDATE `responses` SET `respondent_email` = (SELECT `email_normalized` FROM `stakeholders` WHERE `stakeholders`.`id` = `responses`.`stakeholder_id`), `stakeholder_id` = NULL WHERE `invitation_id` IS NULL AND `stakeholder_id` IS NOT NULL;--> statement-breakpoint
UPDATE `opinions` SET `stakeholder_id` = NULL WHERE `channel` = 'open_link' AND `stakeholder_id` IS NOT NULL;
