CREATE TABLE `certificate_members` (
	`certificate_id` text NOT NULL,
	`producer_id` text NOT NULL,
	`dossier_id` text NOT NULL,
	`decision_id` text NOT NULL,
	`status` text NOT NULL,
	`status_since` text NOT NULL,
	`status_reason` text,
	PRIMARY KEY(`certificate_id`, `producer_id`),
	FOREIGN KEY (`certificate_id`) REFERENCES `certificates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`producer_id`) REFERENCES `producers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `certificate_members_producer` ON `certificate_members` (`producer_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_dossiers` (
	`id` text PRIMARY KEY NOT NULL,
	`producer_id` text,
	`scope` text DEFAULT 'unit' NOT NULL,
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
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "dossiers_scope_producer" CHECK(("__new_dossiers"."scope" = 'organization') = ("__new_dossiers"."producer_id" IS NULL))
);
--> statement-breakpoint
INSERT INTO `__new_dossiers`("id", "producer_id", "scope", "organization_id", "cycle", "scheme", "criteria_version", "criteria_hash", "state", "recommendation", "created_at", "updated_at") SELECT "id", "producer_id", 'unit', "organization_id", "cycle", "scheme", "criteria_version", "criteria_hash", "state", "recommendation", "created_at", "updated_at" FROM `dossiers`;--> statement-breakpoint
DROP TABLE `dossiers`;--> statement-breakpoint
ALTER TABLE `__new_dossiers` RENAME TO `dossiers`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `dossiers_producer_cycle` ON `dossiers` (`producer_id`,`scheme`,`cycle`);--> statement-breakpoint
CREATE UNIQUE INDEX `dossiers_organization_cycle` ON `dossiers` (`organization_id`,`scheme`,`cycle`) WHERE "dossiers"."scope" = 'organization';--> statement-breakpoint
CREATE INDEX `dossiers_org` ON `dossiers` (`organization_id`);--> statement-breakpoint
CREATE TABLE `__new_certificates` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`dossier_id` text NOT NULL,
	`decision_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`producer_id` text,
	`scope` text DEFAULT 'unit' NOT NULL,
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
	`public_status` text,
	`public_since` text,
	`public_reason` text,
	`due_at` text,
	`org_name` text,
	`municipality_key` text,
	`products_key` text,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`producer_id`) REFERENCES `producers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "certificates_scope_producer" CHECK(("__new_certificates"."scope" = 'group') = ("__new_certificates"."producer_id" IS NULL))
);
--> statement-breakpoint
INSERT INTO `__new_certificates`("id", "code", "dossier_id", "decision_id", "organization_id", "producer_id", "scope", "scheme", "criteria_version", "criteria_hash", "seal_level", "products", "sectors", "issued_on", "expires_on", "status", "status_since", "status_reason", "created_at", "public_status", "public_since", "public_reason", "due_at", "org_name", "municipality_key", "products_key") SELECT "id", "code", "dossier_id", "decision_id", "organization_id", "producer_id", 'unit', "scheme", "criteria_version", "criteria_hash", "seal_level", "products", "sectors", "issued_on", "expires_on", "status", "status_since", "status_reason", "created_at", "public_status", "public_since", "public_reason", "due_at", "org_name", "municipality_key", "products_key" FROM `certificates`;--> statement-breakpoint
DROP TABLE `certificates`;--> statement-breakpoint
ALTER TABLE `__new_certificates` RENAME TO `certificates`;--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_code_unique` ON `certificates` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_decision_id_unique` ON `certificates` (`decision_id`);--> statement-breakpoint
CREATE INDEX `certificates_org` ON `certificates` (`organization_id`);--> statement-breakpoint
CREATE INDEX `certificates_producer` ON `certificates` (`producer_id`);--> statement-breakpoint
CREATE INDEX `certificates_registry_order` ON `certificates` (`org_name`,"issued_on" DESC,`code`);--> statement-breakpoint
CREATE INDEX `certificates_registry_municipality` ON `certificates` (`municipality_key`,`org_name`,"issued_on" DESC,`code`);--> statement-breakpoint
CREATE INDEX `certificates_public_status` ON `certificates` (`public_status`,`public_since`);--> statement-breakpoint
CREATE INDEX `certificates_due` ON `certificates` (`due_at`);--> statement-breakpoint
ALTER TABLE `corrective_actions` ADD `closed_by` text;--> statement-breakpoint
ALTER TABLE `corrective_actions` ADD `closing_visit_id` text REFERENCES visits(id);--> statement-breakpoint
ALTER TABLE `visits` ADD `purpose` text DEFAULT 'regular' NOT NULL;--> statement-breakpoint
ALTER TABLE `certificate_events` ADD `producer_id` text REFERENCES producers(id);