/**
 * `sello log verify`: recomputes every leaf of the certificate transparency log
 * from its entry, checks it against the certificate events, and, given a signed
 * tree head saved earlier, proves the log only grew since then.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { consistencyProof, rootHash, verifyConsistency } from '../domain/merkle.js';
import { createTransparencyLog, verifyLog } from '../modules/transparency/transparency-log.js';
import { verifyJws } from '../signing/jws.js';
import { keysDirIn, openKeyStore } from '../signing/key-store.js';
import { withDb } from './admin-commands.js';
import type { CliContext } from './context.js';

const SavedHeadSchema = z.object({ treeSize: z.int().min(0), rootHash: z.string().min(1), timestamp: z.string(), signature: z.string() });

export function registerLogCommands(program: Command, ctx: CliContext): void {
  const log = program.command('log').description('Registro de transparencia de los certificados');

  log
    .command('verify')
    .description('Comprueba el registro: cada entrada con su huella y su evento; con --sth, que solo creció desde esa cabeza firmada')
    .option('--sth <archivo>', 'cabeza firmada guardada antes (JSON de /api/v1/transparency/sth)')
    .action((opts: { sth?: string }) =>
      withDb(ctx, async (db) => {
        const result = verifyLog(db);
        for (const problem of result.problems) ctx.err(`ERROR: ${problem}`);
        if (result.problems.length > 0) {
          ctx.fail();
          return;
        }
        ctx.out(`OK: ${result.treeSize} entradas íntegras. Raíz: ${result.rootHash}`);
        if (!opts.sth) return;

        let content: unknown;
        try {
          content = JSON.parse(fs.readFileSync(opts.sth, 'utf8'));
        } catch {
          ctx.err(`${opts.sth}: no se puede leer como JSON; guarde en ese archivo la respuesta de /api/v1/transparency/sth`);
          ctx.fail();
          return;
        }
        const saved = SavedHeadSchema.safeParse(content);
        if (!saved.success) {
          ctx.err(
            `${opts.sth}: no es una cabeza firmada (${saved.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`,
          );
          ctx.fail();
          return;
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
          ctx.err(`${opts.sth}: la firma de la cabeza no es válida con las claves publicadas`);
          ctx.fail();
          return;
        }
        const leaves = createTransparencyLog(db, keys, () => new Date()).leafHashes();
        if (head.treeSize > leaves.length) {
          ctx.err(`El registro tiene ${leaves.length} entradas, menos que las ${head.treeSize} de la cabeza firmada: se borraron entradas`);
          ctx.fail();
          return;
        }
        const consistent = verifyConsistency({
          oldSize: head.treeSize,
          newSize: leaves.length,
          oldRoot: Buffer.from(head.rootHash, 'base64'),
          newRoot: rootHash(leaves),
          proof: consistencyProof(leaves, head.treeSize),
        });
        if (!consistent) {
          ctx.err(
            `El registro actual no contiene el árbol de ${head.treeSize} entradas firmado el ${head.timestamp}: se reescribió la historia`,
          );
          ctx.fail();
          return;
        }
        ctx.out(`OK: el registro contiene, sin cambios, el árbol de ${head.treeSize} entradas firmado el ${head.timestamp}`);
      }),
    );
}
