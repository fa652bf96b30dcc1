ALTER TABLE `visits` ADD `visited_on` text;
--> statement-breakpoint
-- Visits submitted before this column: the day they were submitted, in Bolivia (UTC-4).
UPDATE `visits` SET `visited_on` = date(`submitted_at`, '-4 hours') WHERE `submitted_at` IS NOT NULL;
