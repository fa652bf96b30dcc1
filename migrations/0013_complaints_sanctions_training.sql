CREATE TABLE `complaint_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`complaint_id` text NOT NULL,
	`kind` text NOT NULL,
	`notes` text,
	`by_user_id` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `complaint_steps_complaint` ON `complaint_steps` (`complaint_id`,`at`);--> statement-breakpoint
CREATE TABLE `complaints` (
	`id` text PRIMARY KEY NOT NULL,
	`tracking_number` text NOT NULL,
	`subject` text NOT NULL,
	`organization_id` text,
	`certificate_id` text,
	`code_given` text,
	`what` text NOT NULL,
	`place` text,
	`happened_on` text,
	`contact` text,
	`photo_sha256` text,
	`photo_type` text,
	`photo_size` integer,
	`status` text NOT NULL,
	`assigned_to` text,
	`visit_id` text,
	`outcome` text,
	`public_summary` text,
	`sanction_code` text,
	`sanction_version` text,
	`closed_by` text,
	`closed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`certificate_id`) REFERENCES `certificates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_to`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `complaints_tracking_number_unique` ON `complaints` (`tracking_number`);--> statement-breakpoint
CREATE INDEX `complaints_status` ON `complaints` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `complaints_org` ON `complaints` (`organization_id`);--> statement-breakpoint
CREATE TABLE `training_records` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`scheme` text NOT NULL,
	`topic` text NOT NULL,
	`criteria_version` text NOT NULL,
	`completed_on` text NOT NULL,
	`trainer` text NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_records_person` ON `training_records` (`person_id`,`topic`);--> statement-breakpoint
ALTER TABLE `visits` ADD `unannounced` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `visits` ADD `training_warnings` text;--> statement-breakpoint
ALTER TABLE `decisions` ADD `sanction_code` text;--> statement-breakpoint
ALTER TABLE `decisions` ADD `sanction_version` text;--> statement-breakpoint
ALTER TABLE `certificate_events` ADD `sanction_code` text;--> statement-breakpoint
ALTER TABLE `certificate_events` ADD `sanction_version` text;