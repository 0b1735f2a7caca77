ALTER TABLE `rounds` ADD `activity_rev` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- An autosave writes a response's draft columns and the invitation's last activity. No staff page shows the draft
-- columns, and only the round's own page shows the last activity: so the content revision (under which the round's
-- page, triage and the summary are kept) leaves both out, and the last activity bumps `activity_rev`, which only the
-- round's page is kept under. Without this, every pause in a stakeholder's typing made staff pages render again.
-- tests/perf/kept-pages.test.ts checks that every other column of the two tables is watched.
DROP TRIGGER `responses_content_update`;--> statement-breakpoint
CREATE TRIGGER `responses_content_update` AFTER UPDATE OF `id`, `round_id`, `invitation_id`, `stakeholder_id`, `respondent_name`, `respondent_organization`, `respondent_category`, `stance`, `overall`, `publication`, `status`, `submitted_at`, `idempotency_key`, `respondent_email`, `email_confirm_token_hash`, `email_confirm_expires_at`, `email_confirmed_at`, `created_at` ON `responses` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN (OLD.`round_id`, NEW.`round_id`);
END;
--> statement-breakpoint
DROP TRIGGER `invitations_content_update`;--> statement-breakpoint
CREATE TRIGGER `invitations_content_update` AFTER UPDATE OF `id`, `round_id`, `stakeholder_id`, `token_hash`, `status`, `invited_at`, `opened_at`, `responded_at`, `declined_at`, `revoked_at` ON `invitations` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN (OLD.`round_id`, NEW.`round_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `invitations_activity_update` AFTER UPDATE OF `last_activity_at` ON `invitations` BEGIN
  UPDATE `rounds` SET `activity_rev` = `activity_rev` + 1 WHERE `id` IN (OLD.`round_id`, NEW.`round_id`);
END;
--> statement-breakpoint
-- A change of the round row is content, but not a move of its activity revision alone.
DROP TRIGGER `rounds_content_update`;--> statement-breakpoint
CREATE TRIGGER `rounds_content_update` AFTER UPDATE ON `rounds` WHEN NEW.`content_rev` = OLD.`content_rev` AND NEW.`activity_rev` = OLD.`activity_rev` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = NEW.`id`;
END;
