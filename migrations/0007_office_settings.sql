CREATE TABLE `office_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`office_name` text DEFAULT '' NOT NULL,
	`reference_prefix` text DEFAULT '' NOT NULL,
	`reference_pattern` text DEFAULT '〔{year}〕{n}号' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`postcode` text DEFAULT '' NOT NULL,
	`contact_name` text DEFAULT '' NOT NULL,
	`contact_phone` text DEFAULT '' NOT NULL,
	`updated_at` integer NOT NULL
);
