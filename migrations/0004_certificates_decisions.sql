CREATE TABLE `appeals` (
	`id` text PRIMARY KEY NOT NULL,
	`decision_id` text,
	`event_seq` integer,
	`dossier_id` text NOT NULL,
	`reason` text NOT NULL,
	`filed_by` text NOT NULL,
	`filed_at` text NOT NULL,
	`status` text NOT NULL,
	`session_id` text,
	`proposed_outcome` text,
	`rationale` text,
	`decided_at` text,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_seq`) REFERENCES `certificate_events`(`seq`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`filed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `commission_sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appeals_dossier` ON `appeals` (`dossier_id`);--> statement-breakpoint
CREATE TABLE `certificate_conditions` (
	`id` text PRIMARY KEY NOT NULL,
	`certificate_id` text NOT NULL,
	`corrective_action_id` text NOT NULL,
	`description` text NOT NULL,
	`deadline` text NOT NULL,
	FOREIGN KEY (`certificate_id`) REFERENCES `certificates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`corrective_action_id`) REFERENCES `corrective_actions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `certificate_conditions_cert` ON `certificate_conditions` (`certificate_id`);--> statement-breakpoint
CREATE TABLE `certificate_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`certificate_id` text NOT NULL,
	`event` text NOT NULL,
	`at` text NOT NULL,
	`actor_id` text,
	`actor_label` text NOT NULL,
	`reason` text,
	`session_id` text,
	`automatic` integer DEFAULT false NOT NULL,
	`log_index` integer NOT NULL,
	FOREIGN KEY (`certificate_id`) REFERENCES `certificates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `commission_sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificate_events_log_index_unique` ON `certificate_events` (`log_index`);--> statement-breakpoint
CREATE INDEX `certificate_events_cert` ON `certificate_events` (`certificate_id`);--> statement-breakpoint
CREATE TABLE `certificates` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`dossier_id` text NOT NULL,
	`decision_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`producer_id` text NOT NULL,
	`scheme` text NOT NULL,
	`criteria_version` text NOT NULL,
	`criteria_hash` text NOT NULL,
	`seal_level` text NOT NULL,
	`products` text NOT NULL,
	`sectors` text NOT NULL,
	`issued_on` text NOT NULL,
	`expires_on` text NOT NULL,
	`status` text NOT NULL,
	`status_since` text NOT NULL,
	`status_reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`producer_id`) REFERENCES `producers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_code_unique` ON `certificates` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_decision_id_unique` ON `certificates` (`decision_id`);--> statement-breakpoint
CREATE INDEX `certificates_org` ON `certificates` (`organization_id`);--> statement-breakpoint
CREATE INDEX `certificates_producer` ON `certificates` (`producer_id`);--> statement-breakpoint
CREATE TABLE `commission_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`scheme` text NOT NULL,
	`criteria_version` text NOT NULL,
	`quorum` integer NOT NULL,
	`held_on` text NOT NULL,
	`place` text,
	`status` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`closed_at` text,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`dossier_id` text NOT NULL,
	`proposed_outcome` text NOT NULL,
	`outcome` text NOT NULL,
	`rationale` text NOT NULL,
	`seal_level` text,
	`dossier_snapshot` text NOT NULL,
	`snapshot_hash` text NOT NULL,
	`recorded_by` text NOT NULL,
	`decided_at` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `commission_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `decisions_dossier` ON `decisions` (`dossier_id`);--> statement-breakpoint
CREATE INDEX `decisions_session` ON `decisions` (`session_id`);--> statement-breakpoint
CREATE TABLE `recusals` (
	`subject` text NOT NULL,
	`subject_id` text NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`rule` text,
	`reason` text NOT NULL,
	PRIMARY KEY(`subject`, `subject_id`, `user_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `session_attendance` (
	`session_id` text NOT NULL,
	`user_id` text NOT NULL,
	`present` integer NOT NULL,
	PRIMARY KEY(`session_id`, `user_id`),
	FOREIGN KEY (`session_id`) REFERENCES `commission_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `transparency_log` (
	`leaf_index` integer PRIMARY KEY NOT NULL,
	`entry` text NOT NULL,
	`leaf_hash` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `votes` (
	`subject` text NOT NULL,
	`subject_id` text NOT NULL,
	`user_id` text NOT NULL,
	`vote` text NOT NULL,
	`rationale` text,
	PRIMARY KEY(`subject`, `subject_id`, `user_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `votes_user` ON `votes` (`user_id`);--> statement-breakpoint
ALTER TABLE `visits` ADD `correction_reason` text;--> statement-breakpoint
-- Certificate events and the transparency log are append-only, like the audit trail.
CREATE TRIGGER `certificate_events_no_update` BEFORE UPDATE ON `certificate_events`
BEGIN
	SELECT RAISE(ABORT, 'certificate_events es de solo anexado: no se puede modificar');
END;
--> statement-breakpoint
CREATE TRIGGER `certificate_events_no_delete` BEFORE DELETE ON `certificate_events`
BEGIN
	SELECT RAISE(ABORT, 'certificate_events es de solo anexado: no se puede borrar');
END;
--> statement-breakpoint
CREATE TRIGGER `transparency_log_no_update` BEFORE UPDATE ON `transparency_log`
BEGIN
	SELECT RAISE(ABORT, 'transparency_log es de solo anexado: no se puede modificar');
END;
--> statement-breakpoint
CREATE TRIGGER `transparency_log_no_delete` BEFORE DELETE ON `transparency_log`
BEGIN
	SELECT RAISE(ABORT, 'transparency_log es de solo anexado: no se puede borrar');
END;
