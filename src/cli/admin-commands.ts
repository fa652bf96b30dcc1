/** `sello admin create`: the first administrator of a fresh install. */
import type { Command } from 'commander';
import { databaseFileIn, openDatabase, type Db } from '../db/client.js';
import { createPasswordHasher, newSecret } from '../modules/auth/secrets.js';
import { NewUserSchema } from '../modules/users/users-schemas.js';
import { createUsersService } from '../modules/users/users-service.js';
import type { CliContext } from './context.js';

export async function withDb<T>(ctx: CliContext, fn: (db: Db) => T | Promise<T>): Promise<T> {
  const db = openDatabase({ file: databaseFileIn(ctx.dataDir) });
  try {
    return await fn(db);
  } finally {
    db.$client.close();
  }
}

/** Where each field of a new user comes from on the command line, to name it in a refusal. */
const OPTION_OF_FIELD: Record<string, string> = {
  username: '--username',
  displayName: '--name',
  password: 'La contraseña (--password-stdin)',
};

export function registerAdminCommands(program: Command, ctx: CliContext): void {
  program
    .command('admin')
    .description('Cuentas de administración')
    .command('create')
    .description('Crea un usuario administrador (así obtiene su primera cuenta una instalación nueva)')
    .requiredOption('-u, --username <usuario>', 'nombre de usuario')
    .requiredOption('-n, --name <nombre>', 'nombre para mostrar')
    .option('--password-stdin', 'lee la contraseña de la entrada estándar; si no, se genera una y se muestra una vez')
    .action(async (opts: { username: string; name: string; passwordStdin?: boolean }) => {
      const password = opts.passwordStdin ? (await ctx.readStdin()).replace(/\r?\n$/, '') : newSecret().slice(0, 20);
      const parsed = NewUserSchema.safeParse({ username: opts.username, displayName: opts.name, password, role: 'admin' });
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          ctx.err(`${OPTION_OF_FIELD[String(issue.path[0])] ?? issue.path.join('.')}: ${issue.message}`);
        ctx.fail();
        return;
      }
      const user = await withDb(ctx, (db) =>
        createUsersService(db, () => new Date(), createPasswordHasher()).create({ system: 'cli admin create' }, parsed.data),
      );
      ctx.out(`Administrador creado: ${user.username} (${user.id})`);
      if (!opts.passwordStdin) ctx.out(`Contraseña inicial (se muestra solo esta vez): ${password}`);
    });
}
