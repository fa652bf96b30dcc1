CREATE TABLE `answers` (
	`source_id` text NOT NULL,
	`source` text NOT NULL,
	`criterion_code` text NOT NULL,
	`value` text NOT NULL,
	`notes` text,
	PRIMARY KEY(`source_id`, `criterion_code`)
);
--> statement-breakpoint
CREATE TABLE `corrective_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`non_conformity_id` text NOT NULL,
	`description` text NOT NULL,
	`responsible_person_id` text NOT NULL,
	`deadline` text NOT NULL,
	`closed_at` text,
	`closing_notes` text,
	`closing_evidence_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`non_conformity_id`) REFERENCES `non_conformities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`responsible_person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `corrective_actions_nc` ON `corrective_actions` (`non_conformity_id`);--> statement-breakpoint
CREATE TABLE `dossiers` (
	`id` text PRIMARY KEY NOT NULL,
	`producer_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`cycle` integer NOT NULL,
	`scheme` text NOT NULL,
	`criteria_version` text NOT NULL,
	`criteria_hash` text NOT NULL,
	`state` text NOT NULL,
	`recommendation` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`producer_id`) REFERENCES `producers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dossiers_producer_cycle` ON `dossiers` (`producer_id`,`scheme`,`cycle`);--> statement-breakpoint
CREATE INDEX `dossiers_org` ON `dossiers` (`organization_id`);--> statement-breakpoint
CREATE TABLE `evidence_files` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`visit_id` text,
	`criterion_code` text,
	`sha256` text NOT NULL,
	`media_type` text NOT NULL,
	`size` integer NOT NULL,
	`uploaded_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `evidence_dossier` ON `evidence_files` (`dossier_id`);--> statement-breakpoint
CREATE TABLE `non_conformities` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`visit_id` text NOT NULL,
	`criterion_code` text NOT NULL,
	`level` text NOT NULL,
	`answer` text NOT NULL,
	`effect` text NOT NULL,
	`phased_in` integer NOT NULL,
	`evidence` text NOT NULL,
	`corrective_action_max_days` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `non_conformities_dossier` ON `non_conformities` (`dossier_id`);--> statement-breakpoint
CREATE TABLE `self_assessments` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`submitted_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `self_assessments_dossier` ON `self_assessments` (`dossier_id`);--> statement-breakpoint
CREATE TABLE `visit_members` (
	`visit_id` text NOT NULL,
	`person_id` text NOT NULL,
	`kind` text NOT NULL,
	PRIMARY KEY(`visit_id`, `person_id`),
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `visit_members_person` ON `visit_members` (`person_id`);--> statement-breakpoint
CREATE TABLE `visits` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_id` text NOT NULL,
	`planned_on` text NOT NULL,
	`status` text NOT NULL,
	`criteria_version` text NOT NULL,
	`criteria_hash` text NOT NULL,
	`present` text,
	`observations` text,
	`submitted_at` text,
	`submitted_by` text,
	`idempotency_key` text,
	`submission_hash` text,
	`corrects_visit_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `visits_idempotency_key_unique` ON `visits` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `visits_dossier` ON `visits` (`dossier_id`);