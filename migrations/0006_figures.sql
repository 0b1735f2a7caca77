ALTER TABLE `opinions` ADD `number` integer NOT NULL DEFAULT 0;--> statement-breakpoint
-- Hand-written backfill: existing opinions keep the numbers the summary showed (draft order), before the index.
UPDATE `opinions` SET `number` = (SELECT x.n FROM (SELECT o.id AS id, row_number() OVER (PARTITION BY o.round_id ORDER BY coalesce(rs.position, -1), o.heard_at, o.id) AS n FROM `opinions` o LEFT JOIN `round_sections` rs ON rs.id = o.section_id) x WHERE x.id = `opinions`.`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `opinions_round_number_unique` ON `opinions` (`round_id`,`number`);
