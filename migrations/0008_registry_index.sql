ALTER TABLE `certificates` ADD `public_status` text;--> statement-breakpoint
ALTER TABLE `certificates` ADD `public_since` text;--> statement-breakpoint
ALTER TABLE `certificates` ADD `public_reason` text;--> statement-breakpoint
ALTER TABLE `certificates` ADD `due_at` text;--> statement-breakpoint
ALTER TABLE `certificates` ADD `org_name` text;--> statement-breakpoint
ALTER TABLE `certificates` ADD `municipality_key` text;--> statement-breakpoint
ALTER TABLE `certificates` ADD `products_key` text;--> statement-breakpoint
CREATE INDEX `certificates_registry_order` ON `certificates` (`org_name`,"issued_on" DESC,`code`);--> statement-breakpoint
CREATE INDEX `certificates_registry_municipality` ON `certificates` (`municipality_key`,`org_name`,"issued_on" DESC,`code`);--> statement-breakpoint
CREATE INDEX `certificates_public_status` ON `certificates` (`public_status`,`public_since`);--> statement-breakpoint
CREATE INDEX `certificates_due` ON `certificates` (`due_at`);--> statement-breakpoint
-- Hand-written: the registry's substring search. Folded text (no accents, lower case) of each
-- certificate's organisation, producer (only with consent), code, code without dashes,
-- municipality and products; trigram tokens find any substring of three characters or more.
-- Rows are written by the service (registry-index.ts), which folds the text; existing
-- certificates are indexed at start.
CREATE VIRTUAL TABLE `registry_search` USING fts5(`certificate_id` UNINDEXED, `org`, `producer`, `code`, `code_compact`, `municipality`, `products`, tokenize = 'trigram');
