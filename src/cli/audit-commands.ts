/**
 * `sello audit head` prints the trail's signed head, to keep off the machine;
 * `sello audit verify` checks the chain, the stored checkpoints and, given a head
 * saved earlier, that no entry it covers was removed or rewritten since.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { verifyChain } from '../domain/audit-chain.js';
import { anchorProblem, type SignedAuditHead } from '../domain/audit-head.js';
import { checkCheckpoints, SignedAuditHeadSchema, signedAuditHead, trailView, verifyHeadSignature } from '../modules/audit/audit-head.js';
import { allEntries } from '../modules/audit/audit-log.js';
import { verifyCertificateRecords } from '../modules/certificates/certificate-integrity.js';
import { count } from '../domain/text.js';
import type { Jwks } from '../signing/jwk.js';
import { keysDirIn, openKeyStore, type KeyStore } from '../signing/key-store.js';
import { withDb } from './admin-commands.js';
import { suspensionLimitsIn } from './suspension-limits.js';
import type { CliContext } from './context.js';

/** The saved head in `file`, or the reason it is not one (in Spanish). */
function readSavedHead(file: string): SignedAuditHead | string {
  let content: unknown;
  try {
    content = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return `${file}: no se puede leer como JSON; guarde en ese archivo la salida de «sello audit head»`;
  }
  const saved = SignedAuditHeadSchema.safeParse(content);
  if (!saved.success) {
    return `${file}: no es una cabeza firmada del historial (${saved.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`;
  }
  return saved.data;
}

export function registerAuditCommands(program: Command, ctx: CliContext): void {
  const audit = program.command('audit').description('Historial de cambios');
  const openKeys = (): KeyStore => openKeyStore({ dir: keysDirIn(ctx.dataDir), now: () => new Date(), create: false });

  audit
    .command('head')
    .description(
      'Muestra en JSON la cabeza firmada del historial (cuántas entradas tiene y la huella de la última); guárdela fuera de esta máquina',
    )
    .action(() =>
      withDb(ctx, (db) => {
        let keys: KeyStore;
        try {
          keys = openKeys();
        } catch (error) {
          ctx.err(`No se puede firmar la cabeza: ${(error as Error).message}`);
          ctx.fail();
          return;
        }
        ctx.out(
          JSON.stringify(
            signedAuditHead(db, keys, () => new Date()),
            null,
            2,
          ),
        );
      }),
    );

  audit
    .command('verify')
    .description(
      'Comprueba la cadena de huellas del historial, sus puntos de control firmados y que cada certificado sea el que registra; con --head, que no se borró ni reescribió nada de lo que esa cabeza firmada cubre',
    )
    .option('--head <archivo>', 'cabeza firmada guardada antes (salida de «sello audit head» o de /api/v1/audit/head)')
    .action((opts: { head?: string }) =>
      withDb(ctx, async (db) => {
        let failed = false;
        const problem = (message: string) => {
          ctx.err(message);
          failed = true;
        };
        const chain = verifyChain(allEntries(db));
        if (chain.ok) ctx.out(`OK: ${chain.entries} entradas, cadena íntegra. Última huella: ${chain.head}`);
        else problem(`ROTO en la entrada ${chain.brokenAt}: ${chain.reason}`);
        const records = verifyCertificateRecords(db, suspensionLimitsIn(ctx.criteriaDir));
        for (const p of records.problems) problem(`ERROR: ${p}`);
        if (records.problems.length === 0) {
          ctx.out(`OK: ${count(records.certificates, 'certificado conforme', 'certificados conformes')} a su historial.`);
        }

        // Keys are read only when something signed needs them: a fresh trail has nothing to check.
        let jwks: Jwks | undefined;
        const publishedKeys = () => (jwks ??= openKeys().jwks());
        const checkpoints = await checkCheckpoints(db, publishedKeys);
        for (const p of checkpoints.problems) problem(p);
        if (checkpoints.checkpoints > 0 && checkpoints.problems.length === 0) {
          ctx.out(`OK: ${checkpoints.checkpoints} puntos de control firmados, todos contenidos en el historial`);
        }

        if (opts.head) {
          const saved = readSavedHead(opts.head);
          if (typeof saved === 'string') problem(saved);
          else if (await headSignatureIsValid(saved, publishedKeys, opts.head, problem)) {
            const mismatch = anchorProblem(trailView(db), saved, 'head');
            if (mismatch) problem(mismatch);
            else
              ctx.out(`OK: el historial contiene, sin cambios, las ${saved.entries} entradas de la cabeza firmada el ${saved.timestamp}`);
          }
        }
        if (failed) ctx.fail();
      }),
    );
}

/** Whether the saved head is signed by a published key; reports why not. */
async function headSignatureIsValid(
  saved: SignedAuditHead,
  jwks: () => Jwks,
  file: string,
  problem: (message: string) => void,
): Promise<boolean> {
  let keys: Jwks;
  try {
    keys = jwks();
  } catch (error) {
    problem(`No se pueden leer las claves para verificar la cabeza: ${(error as Error).message}`);
    return false;
  }
  try {
    await verifyHeadSignature(saved, keys);
    return true;
  } catch {
    problem(`${file}: la firma de la cabeza no es válida con las claves publicadas`);
    return false;
  }
}
