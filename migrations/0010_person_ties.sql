CREATE TABLE `person_ties` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`kind` text NOT NULL,
	`producer_id` text,
	`organization_id` text,
	`started_on` text NOT NULL,
	`ended_on` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`producer_id`) REFERENCES `producers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "person_ties_one_target" CHECK(("person_ties"."producer_id" IS NULL) <> ("person_ties"."organization_id" IS NULL)),
	CONSTRAINT "person_ties_dates" CHECK("person_ties"."ended_on" IS NULL OR "person_ties"."ended_on" >= "person_ties"."started_on")
);
--> statement-breakpoint
CREATE INDEX `person_ties_person` ON `person_ties` (`person_id`);