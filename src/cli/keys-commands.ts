/** `sello keys list` and `sello keys rotate`: the Ed25519 keys that sign certificates and tree heads. */
import type { Command } from 'commander';
import { keysDirIn, KeyStoreError, openKeyStore, type KeyInfo, type KeyStore } from '../signing/key-store.js';
import type { CliContext } from './context.js';

function describeKey(key: KeyInfo): string {
  const state = key.active ? 'activa (firma)' : `retirada el ${key.retiredAt ?? '?'} (solo verifica)`;
  return `${key.active ? '*' : ' '} ${key.kid}  creada el ${key.createdAt}  ${state}`;
}

/** Opens the store without creating keys; undefined when there are none yet. */
function openExisting(ctx: CliContext): KeyStore | undefined {
  try {
    return openKeyStore({ dir: keysDirIn(ctx.dataDir), now: () => new Date(), create: false });
  } catch (error) {
    if (error instanceof KeyStoreError && error.code === 'KEYS_MISSING') return undefined;
    throw error;
  }
}

/** Key-store problems (damaged files, open permissions) are the operator's to fix: report, do not crash. */
function reportingKeyErrors(ctx: CliContext, action: () => void): () => void {
  return () => {
    try {
      action();
    } catch (error) {
      if (!(error instanceof KeyStoreError)) throw error;
      ctx.err(error.message);
      ctx.fail();
    }
  };
}

export function registerKeysCommands(program: Command, ctx: CliContext): void {
  const keys = program.command('keys').description('Claves de firma de certificados (Ed25519)');

  keys
    .command('list')
    .description('Lista las claves publicadas y cuál firma ahora')
    .action(
      reportingKeyErrors(ctx, () => {
        const store = openExisting(ctx);
        if (!store) {
          ctx.out(`Todavía no hay claves en ${keysDirIn(ctx.dataDir)}: se crean al iniciar el servicio o con "keys rotate".`);
          return;
        }
        for (const key of store.keys()) ctx.out(describeKey(key));
      }),
    );

  keys
    .command('rotate')
    .description('Crea una clave nueva que firma desde ahora; las anteriores siguen publicadas para verificar lo ya firmado')
    .action(
      reportingKeyErrors(ctx, () => {
        const existing = openExisting(ctx);
        if (!existing) {
          const created = openKeyStore({ dir: keysDirIn(ctx.dataDir), now: () => new Date() });
          ctx.out(`No había claves; se creó la primera: ${created.activeKid}`);
          return;
        }
        const retired = existing.activeKid;
        const next = existing.rotate();
        ctx.out(`Nueva clave activa: ${next.kid}`);
        ctx.out(`Clave retirada: ${retired} (su parte pública sigue publicada; su parte privada se borró)`);
        ctx.out('Reinicie el servicio para que firme con la clave nueva y la publique.');
      }),
    );
}
