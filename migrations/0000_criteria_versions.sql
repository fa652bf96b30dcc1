CREATE TABLE `criteria_versions` (
	`scheme` text NOT NULL,
	`version` text NOT NULL,
	`status` text NOT NULL,
	`content_hash` text NOT NULL,
	`published_on` text,
	`first_loaded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`scheme`, `version`)
);
