ALTER TABLE `organizations` ADD `contact_name` text;--> statement-breakpoint
ALTER TABLE `organizations` ADD `contact_phone` text;--> statement-breakpoint
ALTER TABLE `organizations` ADD `contact_email` text;--> statement-breakpoint
ALTER TABLE `organizations` ADD `contact_public` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `persons` ADD `gender` text;