/**
 * What the service does on its own while it runs: records time's certificate events, checks
 * certificate records against their history, signs audit checkpoints and makes scheduled backups.
 */
import type { FastifyInstance } from 'fastify';
import type { BackupSchedule } from './config.js';
import type { Db } from './db/client.js';
import { writeCheckpoint } from './modules/audit/audit-head.js';
import { scheduleBackups } from './modules/backup/scheduled-backup.js';
import type { CertificateService } from './modules/certificates/certificate-service.js';
import { recordCheck } from './modules/public/record-check.js';
import type { VerificationService } from './modules/public/verification-service.js';
import { runPeriodically } from './periodic.js';
import type { KeyStore } from './signing/key-store.js';

export type BackgroundJobs = {
  db: Db;
  dataDir: string;
  keys: KeyStore;
  now: () => Date;
  certificates: Pick<CertificateService, 'sweep'>;
  verification: VerificationService;
  backup: BackupSchedule | null;
  /** Milliseconds between runs of each job; 0 disables it. */
  everyMs: { sweep: number; recordCheck: number; auditCheckpoint: number; backup: number };
};

export function startBackgroundJobs(
  app: FastifyInstance,
  { db, dataDir, keys, now, certificates, verification, backup, everyMs }: BackgroundJobs,
) {
  // Expiry and overdue conditions are computed on every read; the sweep records them as events.
  runPeriodically(app, {
    name: 'certificate sweep',
    run: () => {
      const written = certificates.sweep();
      return written > 0 ? { written } : null;
    },
    everyMs: everyMs.sweep,
    atStart: true,
    done: 'certificate time events recorded',
  });
  // Every certificate checked against its history after each start, a few milliseconds at a time.
  runPeriodically(app, {
    name: 'record check',
    run: recordCheck(verification, app.log),
    everyMs: everyMs.recordCheck,
    atStart: false,
    done: 'certificate records checked',
  });
  // A signed checkpoint now and then anchors the trail's newest entries: removing them is then detected.
  runPeriodically(app, {
    name: 'audit checkpoint',
    run: () => {
      const written = writeCheckpoint(db, keys, now);
      return written ? { entries: written.entries } : null;
    },
    everyMs: everyMs.auditCheckpoint,
    atStart: everyMs.auditCheckpoint > 0,
    done: 'audit checkpoint signed',
  });
  if (backup && everyMs.backup > 0) {
    const backups = scheduleBackups({ dataDir, backupDir: backup.dir, keep: backup.keep, now, everyMs: everyMs.backup, log: app.log });
    app.addHook('onClose', backups.stop);
  }
}
