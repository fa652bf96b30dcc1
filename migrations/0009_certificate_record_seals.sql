CREATE TABLE `certificate_record_seals` (
	`certificate_id` text PRIMARY KEY NOT NULL,
	`seal` text NOT NULL,
	`checked_at` text NOT NULL,
	FOREIGN KEY (`certificate_id`) REFERENCES `certificates`(`id`) ON UPDATE no action ON DELETE no action
);
