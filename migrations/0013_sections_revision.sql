ALTER TABLE `rounds` ADD `sections_rev` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Every write to a round's sections bumps its sections_rev, whichever code path wrote: feedback links keep the
-- sections (the whole draft, 100 KB and more) in the isolate under it instead of reading them for every view.
CREATE TRIGGER `round_sections_sections_insert` AFTER INSERT ON `round_sections` BEGIN
  UPDATE `rounds` SET `sections_rev` = `sections_rev` + 1 WHERE `id` = NEW.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `round_sections_sections_update` AFTER UPDATE ON `round_sections` BEGIN
  UPDATE `rounds` SET `sections_rev` = `sections_rev` + 1 WHERE `id` IN (OLD.`round_id`, NEW.`round_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `round_sections_sections_delete` AFTER DELETE ON `round_sections` BEGIN
  UPDATE `rounds` SET `sections_rev` = `sections_rev` + 1 WHERE `id` = OLD.`round_id`;
END;
