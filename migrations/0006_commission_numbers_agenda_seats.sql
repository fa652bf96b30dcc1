CREATE TABLE `session_agenda_items` (
	`session_id` text NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`dossier_id` text,
	`certificate_id` text,
	`appeal_id` text,
	`note` text,
	PRIMARY KEY(`session_id`, `position`),
	FOREIGN KEY (`session_id`) REFERENCES `commission_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`certificate_id`) REFERENCES `certificates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`appeal_id`) REFERENCES `appeals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `users` ADD `commission_seat` text;--> statement-breakpoint
ALTER TABLE `commission_sessions` ADD `year` integer;--> statement-breakpoint
ALTER TABLE `commission_sessions` ADD `number` integer;--> statement-breakpoint
ALTER TABLE `commission_sessions` ADD `seats` integer;--> statement-breakpoint
ALTER TABLE `commission_sessions` ADD `starts_at` text;--> statement-breakpoint
ALTER TABLE `commission_sessions` ADD `ends_at` text;--> statement-breakpoint
CREATE UNIQUE INDEX `commission_sessions_number` ON `commission_sessions` (`year`,`number`);--> statement-breakpoint
ALTER TABLE `decisions` ADD `year` integer;--> statement-breakpoint
ALTER TABLE `decisions` ADD `number` integer;--> statement-breakpoint
ALTER TABLE `decisions` ADD `deferred_for_quorum` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `decisions_number` ON `decisions` (`year`,`number`);--> statement-breakpoint
ALTER TABLE `session_attendance` ADD `seat` text;--> statement-breakpoint
ALTER TABLE `session_attendance` ADD `present_since` text;--> statement-breakpoint
-- Sessions and decisions held before numbering get their numbers in the order they happened, from 1 each year.
UPDATE `commission_sessions` SET `year` = CAST(substr(`held_on`, 1, 4) AS integer);--> statement-breakpoint
UPDATE `commission_sessions` SET `number` = 1 + (
	SELECT count(*) FROM `commission_sessions` AS `earlier`
	WHERE `earlier`.`year` = `commission_sessions`.`year`
		AND (`earlier`.`held_on`, `earlier`.`created_at`, `earlier`.`id`) < (`commission_sessions`.`held_on`, `commission_sessions`.`created_at`, `commission_sessions`.`id`)
);--> statement-breakpoint
UPDATE `decisions` SET `year` = (SELECT `year` FROM `commission_sessions` WHERE `commission_sessions`.`id` = `decisions`.`session_id`);--> statement-breakpoint
UPDATE `decisions` SET `number` = 1 + (
	SELECT count(*) FROM `decisions` AS `earlier`
	WHERE `earlier`.`year` = `decisions`.`year`
		AND (`earlier`.`decided_at`, `earlier`.`id`) < (`decisions`.`decided_at`, `decisions`.`id`)
);--> statement-breakpoint
UPDATE `session_attendance` SET `present_since` = (SELECT `created_at` FROM `commission_sessions` WHERE `commission_sessions`.`id` = `session_attendance`.`session_id`) WHERE `present` = 1;
