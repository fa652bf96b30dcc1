CREATE TABLE `audit_checkpoints` (
	`seq` integer PRIMARY KEY NOT NULL,
	`hash` text NOT NULL,
	`at` text NOT NULL,
	`signature` text NOT NULL
);
--> statement-breakpoint
-- Checkpoints are append-only like the trail they anchor: the database itself refuses to change or remove one.
CREATE TRIGGER `audit_checkpoints_no_update` BEFORE UPDATE ON `audit_checkpoints`
BEGIN
	SELECT RAISE(ABORT, 'audit_checkpoints es de solo anexado: no se puede modificar');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_checkpoints_no_delete` BEFORE DELETE ON `audit_checkpoints`
BEGIN
	SELECT RAISE(ABORT, 'audit_checkpoints es de solo anexado: no se puede borrar');
END;
