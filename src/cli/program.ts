/** The admin command line (`npm run sello -- <command>`), built as a commander program. */
import { Command, CommanderError } from 'commander';
import { AppError } from '../errors.js';
import { inSpanish } from './commander-es.js';
import type { CliContext } from './context.js';
import { registerAdminCommands } from './admin-commands.js';
import { registerAuditCommands } from './audit-commands.js';
import { registerBackupCommands } from './backup-commands.js';
import { registerCriteriaCommands } from './criteria-commands.js';
import { registerKeysCommands } from './keys-commands.js';
import { registerLogCommands } from './log-commands.js';

export function buildProgram(ctx: CliContext): Command {
  const program = inSpanish(
    new Command('sello')
      .description('Administración de Sello, el sistema participativo de garantía ES/CJ')
      .exitOverride()
      .configureOutput({ writeOut: (s) => ctx.out(s.trimEnd()), writeErr: (s) => ctx.err(s.trimEnd()) }),
  );
  registerCriteriaCommands(program, ctx);
  registerAdminCommands(program, ctx);
  registerAuditCommands(program, ctx);
  registerKeysCommands(program, ctx);
  registerLogCommands(program, ctx);
  registerBackupCommands(program, ctx);
  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: string[], ctx: Omit<CliContext, 'fail'>): Promise<number> {
  let code = 0;
  const program = buildProgram({ ...ctx, fail: () => (code = 1) });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof AppError) {
      ctx.err(error.message);
      return 1;
    }
    throw error;
  }
  return code;
}
