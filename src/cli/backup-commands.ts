/** `sello backup <carpeta>` and `sello restore <carpeta>`: copies of the data folder, checked on the way out and in. */
import path from 'node:path';
import type { Command } from 'commander';
import { BackupError, createBackup, restoreBackup, type BackupCheck } from '../modules/backup/backup.js';
import type { CliContext } from './context.js';

function summary(check: BackupCheck): string {
  return `base íntegra, historial de ${check.auditEntries} entradas y registro de ${check.logEntries} entradas verificados, ${check.evidenceFiles} archivos de evidencia, claves de firma`;
}

export function registerBackupCommands(program: Command, ctx: CliContext): void {
  program
    .command('backup')
    .description(
      'Copia de seguridad en una carpeta nueva: base de datos, evidencias, claves de firma y manifest.json con huellas (puede hacerse con el servicio en marcha)',
    )
    .argument('<carpeta>', 'carpeta de destino; no debe existir o debe estar vacía')
    .action(async (folder: string) => {
      const target = path.resolve(folder);
      try {
        const check = await createBackup({ dataDir: ctx.dataDir, target, now: () => new Date() });
        ctx.out(`Copia hecha en ${target}: ${summary(check)}.`);
        ctx.out('La copia contiene las claves privadas de firma: guárdela donde solo la vea quien administra Sello.');
      } catch (error) {
        if (!(error instanceof BackupError)) throw error;
        ctx.err(`ERROR: ${error.message}`);
        ctx.fail();
      }
    });

  program
    .command('restore')
    .description(
      'Restaura una copia hecha con «sello backup», tras verificarla; guarda aparte los datos actuales. Detenga antes el servicio.',
    )
    .argument('<carpeta>', 'carpeta de la copia')
    .action(async (folder: string) => {
      try {
        const { check, keptAside } = await restoreBackup({ dataDir: ctx.dataDir, folder: path.resolve(folder), now: () => new Date() });
        ctx.out(`Copia verificada: ${summary(check)}.`);
        for (const kept of keptAside) ctx.out(`Datos anteriores guardados en ${kept}`);
        ctx.out(`Copia restaurada en ${ctx.dataDir}. Ya puede iniciar el servicio.`);
      } catch (error) {
        if (!(error instanceof BackupError)) throw error;
        ctx.err(`ERROR: ${error.message}`);
        ctx.fail();
      }
    });
}
