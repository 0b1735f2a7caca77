CREATE TABLE `round_figures` (
	`round_id` text PRIMARY KEY NOT NULL,
	`rev` integer NOT NULL,
	`format` integer NOT NULL,
	`figures` text NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `rounds` ADD `figures_rev` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Every write that changes what summaries/figures.ts counts bumps the round's figures_rev, so a cached copy
-- (round_figures) is used only while it is current, whichever code path wrote. Text-only edits (replies, comments
-- being typed) leave it alone.
CREATE TRIGGER `opinions_figures_insert` AFTER INSERT ON `opinions` BEGIN
  UPDATE `rounds` SET `figures_rev` = `figures_rev` + 1 WHERE `id` = NEW.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `opinions_figures_delete` AFTER DELETE ON `opinions` BEGIN
  UPDATE `rounds` SET `figures_rev` = `figures_rev` + 1 WHERE `id` = OLD.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `opinions_figures_update` AFTER UPDATE OF `round_id`, `response_id`, `section_id`, `stakeholder_id`, `author_name`, `author_organization`, `author_category`, `channel`, `disposition` ON `opinions` BEGIN
  UPDATE `rounds` SET `figures_rev` = `figures_rev` + 1 WHERE `id` IN (OLD.`round_id`, NEW.`round_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `responses_figures_insert` AFTER INSERT ON `responses` BEGIN
  UPDATE `rounds` SET `figures_rev` = `figures_rev` + 1 WHERE `id` = NEW.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `responses_figures_delete` AFTER DELETE ON `responses` BEGIN
  UPDATE `rounds` SET `figures_rev` = `figures_rev` + 1 WHERE `id` = OLD.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `responses_figures_update` AFTER UPDATE OF `round_id`, `invitation_id`, `stakeholder_id`, `status` ON `responses` BEGIN
  UPDATE `rounds` SET `figures_rev` = `figures_rev` + 1 WHERE `id` IN (OLD.`round_id`, NEW.`round_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `invitations_figures_insert` AFTER INSERT ON `invitations` BEGIN
  UPDATE `rounds` SET `figures_rev` = `figures_rev` + 1 WHERE `id` = NEW.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `invitations_figures_delete` AFTER DELETE ON `invitations` BEGIN
  UPDATE `rounds` SET `figures_rev` = `figures_rev` + 1 WHERE `id` = OLD.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `invitations_figures_update` AFTER UPDATE OF `round_id`, `stakeholder_id`, `status`, `opened_at`, `revoked_at` ON `invitations` BEGIN
  UPDATE `rounds` SET `figures_rev` = `figures_rev` + 1 WHERE `id` IN (OLD.`round_id`, NEW.`round_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `stakeholders_figures_category` AFTER UPDATE OF `category` ON `stakeholders` BEGIN
  UPDATE `rounds` SET `figures_rev` = `figures_rev` + 1 WHERE `id` IN (SELECT `round_id` FROM `invitations` WHERE `stakeholder_id` = NEW.`id`);
END;
