CREATE TABLE `content_revisions` (
	`scope` text PRIMARY KEY NOT NULL,
	`rev` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `rounds` ADD `content_rev` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
INSERT INTO `content_revisions` (`scope`, `rev`) VALUES ('people', 0);
--> statement-breakpoint
-- Every write to what a round's staff pages show (its page, triage, summary) bumps the round's content_rev, whichever
-- code path wrote, so a page rendered at a revision (ui/page-cache.ts) is served only while it is current. The people
-- every round names (stakeholders, tags, staff, the office, suppressions) bump the one 'people' revision instead,
-- under which the directory's list is kept too.
-- Tables no round page reads (sessions, tokens, rate limits, the audit log, comments being typed, meeting polls) are
-- left out; tests/db/content-revisions.test.ts lists every table and what a write to it bumps.
CREATE TRIGGER `opinions_content_insert` AFTER INSERT ON `opinions` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = NEW.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `opinions_content_update` AFTER UPDATE ON `opinions` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN (OLD.`round_id`, NEW.`round_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `opinions_content_delete` AFTER DELETE ON `opinions` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = OLD.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `responses_content_insert` AFTER INSERT ON `responses` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = NEW.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `responses_content_update` AFTER UPDATE ON `responses` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN (OLD.`round_id`, NEW.`round_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `responses_content_delete` AFTER DELETE ON `responses` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = OLD.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `invitations_content_insert` AFTER INSERT ON `invitations` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = NEW.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `invitations_content_update` AFTER UPDATE ON `invitations` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN (OLD.`round_id`, NEW.`round_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `invitations_content_delete` AFTER DELETE ON `invitations` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = OLD.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `round_sections_content_insert` AFTER INSERT ON `round_sections` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = NEW.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `round_sections_content_update` AFTER UPDATE ON `round_sections` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN (OLD.`round_id`, NEW.`round_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `round_sections_content_delete` AFTER DELETE ON `round_sections` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = OLD.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `draft_versions_content_insert` AFTER INSERT ON `draft_versions` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = NEW.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `draft_versions_content_update` AFTER UPDATE ON `draft_versions` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN (OLD.`round_id`, NEW.`round_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `draft_versions_content_delete` AFTER DELETE ON `draft_versions` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = OLD.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `draft_changes_content_insert` AFTER INSERT ON `draft_changes` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = NEW.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `draft_changes_content_update` AFTER UPDATE ON `draft_changes` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN (OLD.`round_id`, NEW.`round_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `draft_changes_content_delete` AFTER DELETE ON `draft_changes` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = OLD.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `reply_templates_content_insert` AFTER INSERT ON `reply_templates` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = NEW.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `reply_templates_content_update` AFTER UPDATE ON `reply_templates` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN (OLD.`round_id`, NEW.`round_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `reply_templates_content_delete` AFTER DELETE ON `reply_templates` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = OLD.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `feedback_attachments_content_insert` AFTER INSERT ON `feedback_attachments` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = NEW.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `feedback_attachments_content_update` AFTER UPDATE ON `feedback_attachments` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN (OLD.`round_id`, NEW.`round_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `feedback_attachments_content_delete` AFTER DELETE ON `feedback_attachments` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = OLD.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `round_mailings_content_insert` AFTER INSERT ON `round_mailings` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = NEW.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `round_mailings_content_update` AFTER UPDATE ON `round_mailings` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN (OLD.`round_id`, NEW.`round_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `round_mailings_content_delete` AFTER DELETE ON `round_mailings` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = OLD.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `erasure_requests_content_insert` AFTER INSERT ON `erasure_requests` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = NEW.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `erasure_requests_content_update` AFTER UPDATE ON `erasure_requests` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN (OLD.`round_id`, NEW.`round_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `erasure_requests_content_delete` AFTER DELETE ON `erasure_requests` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = OLD.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `inbound_items_content_insert` AFTER INSERT ON `inbound_items` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = NEW.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `inbound_items_content_update` AFTER UPDATE ON `inbound_items` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN (OLD.`round_id`, NEW.`round_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `inbound_items_content_delete` AFTER DELETE ON `inbound_items` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = OLD.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `outbox_content_insert` AFTER INSERT ON `outbox` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = NEW.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `outbox_content_update` AFTER UPDATE ON `outbox` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN (OLD.`round_id`, NEW.`round_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `outbox_content_delete` AFTER DELETE ON `outbox` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = OLD.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `meetings_content_insert` AFTER INSERT ON `meetings` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = NEW.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `meetings_content_update` AFTER UPDATE ON `meetings` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN (OLD.`round_id`, NEW.`round_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `meetings_content_delete` AFTER DELETE ON `meetings` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = OLD.`round_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `invitation_reminders_content_insert` AFTER INSERT ON `invitation_reminders` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = (SELECT `round_id` FROM `invitations` WHERE `id` = NEW.`invitation_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `invitation_reminders_content_update` AFTER UPDATE ON `invitation_reminders` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN ((SELECT `round_id` FROM `invitations` WHERE `id` = OLD.`invitation_id`), (SELECT `round_id` FROM `invitations` WHERE `id` = NEW.`invitation_id`));
END;
--> statement-breakpoint
CREATE TRIGGER `invitation_reminders_content_delete` AFTER DELETE ON `invitation_reminders` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = (SELECT `round_id` FROM `invitations` WHERE `id` = OLD.`invitation_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `opinion_changes_content_insert` AFTER INSERT ON `opinion_changes` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = (SELECT `round_id` FROM `opinions` WHERE `id` = NEW.`opinion_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `opinion_changes_content_update` AFTER UPDATE ON `opinion_changes` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN ((SELECT `round_id` FROM `opinions` WHERE `id` = OLD.`opinion_id`), (SELECT `round_id` FROM `opinions` WHERE `id` = NEW.`opinion_id`));
END;
--> statement-breakpoint
CREATE TRIGGER `opinion_changes_content_delete` AFTER DELETE ON `opinion_changes` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = (SELECT `round_id` FROM `opinions` WHERE `id` = OLD.`opinion_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `opinion_history_content_insert` AFTER INSERT ON `opinion_history` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = (SELECT `round_id` FROM `opinions` WHERE `id` = NEW.`opinion_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `opinion_history_content_update` AFTER UPDATE ON `opinion_history` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN ((SELECT `round_id` FROM `opinions` WHERE `id` = OLD.`opinion_id`), (SELECT `round_id` FROM `opinions` WHERE `id` = NEW.`opinion_id`));
END;
--> statement-breakpoint
CREATE TRIGGER `opinion_history_content_delete` AFTER DELETE ON `opinion_history` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = (SELECT `round_id` FROM `opinions` WHERE `id` = OLD.`opinion_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `version_sections_content_insert` AFTER INSERT ON `version_sections` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = (SELECT `round_id` FROM `draft_versions` WHERE `id` = NEW.`version_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `version_sections_content_update` AFTER UPDATE ON `version_sections` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN ((SELECT `round_id` FROM `draft_versions` WHERE `id` = OLD.`version_id`), (SELECT `round_id` FROM `draft_versions` WHERE `id` = NEW.`version_id`));
END;
--> statement-breakpoint
CREATE TRIGGER `version_sections_content_delete` AFTER DELETE ON `version_sections` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = (SELECT `round_id` FROM `draft_versions` WHERE `id` = OLD.`version_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `outbox_events_content_insert` AFTER INSERT ON `outbox_events` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = (SELECT `round_id` FROM `outbox` WHERE `id` = NEW.`outbox_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `outbox_events_content_update` AFTER UPDATE ON `outbox_events` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN ((SELECT `round_id` FROM `outbox` WHERE `id` = OLD.`outbox_id`), (SELECT `round_id` FROM `outbox` WHERE `id` = NEW.`outbox_id`));
END;
--> statement-breakpoint
CREATE TRIGGER `outbox_events_content_delete` AFTER DELETE ON `outbox_events` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = (SELECT `round_id` FROM `outbox` WHERE `id` = OLD.`outbox_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `meeting_attendees_content_insert` AFTER INSERT ON `meeting_attendees` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = (SELECT `round_id` FROM `meetings` WHERE `id` = NEW.`meeting_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `meeting_attendees_content_update` AFTER UPDATE ON `meeting_attendees` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN ((SELECT `round_id` FROM `meetings` WHERE `id` = OLD.`meeting_id`), (SELECT `round_id` FROM `meetings` WHERE `id` = NEW.`meeting_id`));
END;
--> statement-breakpoint
CREATE TRIGGER `meeting_attendees_content_delete` AFTER DELETE ON `meeting_attendees` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = (SELECT `round_id` FROM `meetings` WHERE `id` = OLD.`meeting_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `meeting_time_options_content_insert` AFTER INSERT ON `meeting_time_options` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = (SELECT `round_id` FROM `meetings` WHERE `id` = NEW.`meeting_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `meeting_time_options_content_update` AFTER UPDATE ON `meeting_time_options` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` IN ((SELECT `round_id` FROM `meetings` WHERE `id` = OLD.`meeting_id`), (SELECT `round_id` FROM `meetings` WHERE `id` = NEW.`meeting_id`));
END;
--> statement-breakpoint
CREATE TRIGGER `meeting_time_options_content_delete` AFTER DELETE ON `meeting_time_options` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = (SELECT `round_id` FROM `meetings` WHERE `id` = OLD.`meeting_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `stakeholders_content_insert` AFTER INSERT ON `stakeholders` BEGIN
  UPDATE `content_revisions` SET `rev` = `rev` + 1 WHERE `scope` = 'people';
END;
--> statement-breakpoint
CREATE TRIGGER `stakeholders_content_update` AFTER UPDATE ON `stakeholders` BEGIN
  UPDATE `content_revisions` SET `rev` = `rev` + 1 WHERE `scope` = 'people';
END;
--> statement-breakpoint
CREATE TRIGGER `stakeholders_content_delete` AFTER DELETE ON `stakeholders` BEGIN
  UPDATE `content_revisions` SET `rev` = `rev` + 1 WHERE `scope` = 'people';
END;
--> statement-breakpoint
CREATE TRIGGER `stakeholder_tags_content_insert` AFTER INSERT ON `stakeholder_tags` BEGIN
  UPDATE `content_revisions` SET `rev` = `rev` + 1 WHERE `scope` = 'people';
END;
--> statement-breakpoint
CREATE TRIGGER `stakeholder_tags_content_update` AFTER UPDATE ON `stakeholder_tags` BEGIN
  UPDATE `content_revisions` SET `rev` = `rev` + 1 WHERE `scope` = 'people';
END;
--> statement-breakpoint
CREATE TRIGGER `stakeholder_tags_content_delete` AFTER DELETE ON `stakeholder_tags` BEGIN
  UPDATE `content_revisions` SET `rev` = `rev` + 1 WHERE `scope` = 'people';
END;
--> statement-breakpoint
CREATE TRIGGER `staff_users_content_insert` AFTER INSERT ON `staff_users` BEGIN
  UPDATE `content_revisions` SET `rev` = `rev` + 1 WHERE `scope` = 'people';
END;
--> statement-breakpoint
CREATE TRIGGER `staff_users_content_update` AFTER UPDATE ON `staff_users` BEGIN
  UPDATE `content_revisions` SET `rev` = `rev` + 1 WHERE `scope` = 'people';
END;
--> statement-breakpoint
CREATE TRIGGER `staff_users_content_delete` AFTER DELETE ON `staff_users` BEGIN
  UPDATE `content_revisions` SET `rev` = `rev` + 1 WHERE `scope` = 'people';
END;
--> statement-breakpoint
CREATE TRIGGER `office_settings_content_insert` AFTER INSERT ON `office_settings` BEGIN
  UPDATE `content_revisions` SET `rev` = `rev` + 1 WHERE `scope` = 'people';
END;
--> statement-breakpoint
CREATE TRIGGER `office_settings_content_update` AFTER UPDATE ON `office_settings` BEGIN
  UPDATE `content_revisions` SET `rev` = `rev` + 1 WHERE `scope` = 'people';
END;
--> statement-breakpoint
CREATE TRIGGER `office_settings_content_delete` AFTER DELETE ON `office_settings` BEGIN
  UPDATE `content_revisions` SET `rev` = `rev` + 1 WHERE `scope` = 'people';
END;
--> statement-breakpoint
CREATE TRIGGER `mail_suppressions_content_insert` AFTER INSERT ON `mail_suppressions` BEGIN
  UPDATE `content_revisions` SET `rev` = `rev` + 1 WHERE `scope` = 'people';
END;
--> statement-breakpoint
CREATE TRIGGER `mail_suppressions_content_update` AFTER UPDATE ON `mail_suppressions` BEGIN
  UPDATE `content_revisions` SET `rev` = `rev` + 1 WHERE `scope` = 'people';
END;
--> statement-breakpoint
CREATE TRIGGER `mail_suppressions_content_delete` AFTER DELETE ON `mail_suppressions` BEGIN
  UPDATE `content_revisions` SET `rev` = `rev` + 1 WHERE `scope` = 'people';
END;
--> statement-breakpoint
-- The directory lists open erasure requests beside the people: they bump the people revision too.
CREATE TRIGGER `erasure_requests_people_insert` AFTER INSERT ON `erasure_requests` BEGIN
  UPDATE `content_revisions` SET `rev` = `rev` + 1 WHERE `scope` = 'people';
END;
--> statement-breakpoint
CREATE TRIGGER `erasure_requests_people_update` AFTER UPDATE ON `erasure_requests` BEGIN
  UPDATE `content_revisions` SET `rev` = `rev` + 1 WHERE `scope` = 'people';
END;
--> statement-breakpoint
CREATE TRIGGER `erasure_requests_people_delete` AFTER DELETE ON `erasure_requests` BEGIN
  UPDATE `content_revisions` SET `rev` = `rev` + 1 WHERE `scope` = 'people';
END;
--> statement-breakpoint
CREATE TRIGGER `rounds_content_update` AFTER UPDATE ON `rounds` WHEN NEW.`content_rev` = OLD.`content_rev` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
-- A round's page shows the round it follows (its title, sections and opinions): a change there is a change here.
CREATE TRIGGER `rounds_content_follow` AFTER UPDATE OF `content_rev` ON `rounds` BEGIN
  UPDATE `rounds` SET `content_rev` = `content_rev` + 1 WHERE `previous_round_id` = NEW.`id`;
END;
