/**
 * `sello log verify`: recomputes every leaf of the certificate transparency log
 * from its entry, checks it against the certificate events, every certificate against
 * its history (status, fields fixed at issuance, events with their leaves and audit entries), and, given a signed
 * tree head saved earlier, proves the log only grew since then.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { consistencyProof, rootHash, verifyConsistency } from '../domain/merkle.js';
import { count } from '../domain/text.js';
import type { Db } from '../db/client.js';
import { verifyCertificateRecords } from '../modules/certificates/certificate-integrity.js';
import { createTransparencyLog, verifyLog } from '../modules/transparency/transparency-log.js';
import { verifyJws } from '../signing/jws.js';
import { keysDirIn, openKeyStore } from '../signing/key-store.js';
import { withDb } from './admin-commands.js';
import { suspensionLimitsIn } from './suspension-limits.js';
import type { CliContext } from './context.js';

const SavedHeadSchema = z.object({ treeSize: z.int().min(0), rootHash: z.string().min(1), timestamp: z.string(), signature: z.string() });

export function registerLogCommands(program: Command, ctx: CliContext): void {
  const log = program.command('log').description('Registro de transparencia de los certificados');

  log
    .command('verify')
    .description(
      'Comprueba el registro (cada entrada con su huella y su evento) y cada certificado con su historia; con --sth, que solo creció desde esa cabeza firmada',
    )
    .option('--sth <archivo>', 'cabeza firmada guardada antes (JSON de /api/v1/transparency/sth)')
    .action((opts: { sth?: string }) =>
      withDb(ctx, async (db) => {
        const result = verifyLog(db);
        const records = verifyCertificateRecords(db, suspensionLimitsIn(ctx.criteriaDir));
        const problems = [...result.problems, ...records.problems];
        for (const problem of problems) ctx.err(`ERROR: ${problem}`);
        if (problems.length > 0) ctx.fail();
        else
          ctx.out(
            `OK: ${result.treeSize} entradas íntegras; ${count(records.certificates, 'certificado conforme', 'certificados conformes')} a su historia. Raíz: ${result.rootHash}`,
          );
        // The signed head is checked even when something else failed: it tells whether history was rewritten.
        if (opts.sth && !(await checkAgainstHead(ctx, db, opts.sth))) ctx.fail();
      }),
    );
}

/** Whether the log contains, unchanged, the tree of a signed head saved earlier; says why not. */
async function checkAgainstHead(ctx: CliContext, db: Db, file: string): Promise<boolean> {
  let content: unknown;
  try {
    content = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    ctx.err(`${file}: no se puede leer como JSON; guarde en ese archivo la respuesta de /api/v1/transparency/sth`);
    return false;
  }
  const saved = SavedHeadSchema.safeParse(content);
  if (!saved.success) {
    ctx.err(`${file}: no es una cabeza firmada (${saved.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
    return false;
  }
  const head = saved.data;
  let keys;
  try {
    keys = openKeyStore({ dir: keysDirIn(ctx.dataDir), now: () => new Date(), create: false });
    const verified = await verifyJws(head.signature, keys.jwks());
    z.object({ treeSize: z.literal(head.treeSize), rootHash: z.literal(head.rootHash), timestamp: z.literal(head.timestamp) })
      .strict()
      .parse(verified.payload);
  } catch {
    ctx.err(`${file}: la firma de la cabeza no es válida con las claves publicadas`);
    return false;
  }
  const leaves = createTransparencyLog(db, keys, () => new Date()).leafHashes();
  if (head.treeSize > leaves.length) {
    ctx.err(`El registro tiene ${leaves.length} entradas, menos que las ${head.treeSize} de la cabeza firmada: se borraron entradas`);
    return false;
  }
  const consistent = verifyConsistency({
    oldSize: head.treeSize,
    newSize: leaves.length,
    oldRoot: Buffer.from(head.rootHash, 'base64'),
    newRoot: rootHash(leaves),
    proof: consistencyProof(leaves, head.treeSize),
  });
  if (!consistent) {
    ctx.err(`El registro actual no contiene el árbol de ${head.treeSize} entradas firmado el ${head.timestamp}: se reescribió la historia`);
    return false;
  }
  ctx.out(`OK: el registro contiene, sin cambios, el árbol de ${head.treeSize} entradas firmado el ${head.timestamp}`);
  return true;
}
