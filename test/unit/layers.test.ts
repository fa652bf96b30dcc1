/** The lint rules that keep the layers apart fail on the imports and checks they forbid. */
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';

// The project's own config, without type information: these rules need none, and it lets the
// test lint files that do not exist.
const eslint = new ESLint({ cwd: PROJECT_ROOT, overrideConfig: tseslint.configs.disableTypeChecked });

/** Rule ids ESLint reports for `code` as if it were the file at `file` (relative to the project). */
async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(PROJECT_ROOT, file) });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('layer rules', () => {
  it.each([
    ['src/domain/example.ts', "import { openDatabase } from '../db/client.js';"],
    ['src/domain/example.ts', "import { loadCriteria } from '../modules/criteria/criteria-loader.js';"],
    ['src/domain/example.ts', "import authPlugin from '../http/auth.js';"],
    ['src/modules/example/example-service.ts', "import authPlugin from '../../http/auth.js';"],
  ])('%s may not say %s', async (file, line) => {
    expect(await violations(file, `${line}\nexport const used = [${line.match(/import \{? ?(\w+)/)![1]}];\n`)).toContain(
      'no-restricted-imports',
    );
  });

  it('lets the domain import the domain and the error type', async () => {
    const code = "import { AppError } from '../errors.js';\nimport { ROLES } from './access.js';\nexport const used = [AppError, ROLES];\n";
    expect(await violations('src/domain/example.ts', code)).not.toContain('no-restricted-imports');
  });

  it('refuses role comparisons in modules: permissions are named rules', async () => {
    const code = "import type { Actor } from '../../domain/access.js';\nexport const isAdmin = (actor: Actor) => actor.role === 'admin';\n";
    expect(await violations('src/modules/example/example-service.ts', code)).toContain('no-restricted-syntax');
    expect(await violations('src/domain/example.ts', code.replace('../../domain/access.js', './access.js'))).not.toContain(
      'no-restricted-syntax',
    );
  });

  it('refuses source files over 300 lines', async () => {
    const long = Array.from({ length: 301 }, (_, i) => `export const line${i} = ${i};`).join('\n') + '\n';
    expect(await violations('src/domain/example.ts', long)).toContain('max-lines');
  });
});
