/** CLI process entry: environment in, exit code out. */
import '../zod-locale.js';
import { ConfigError, loadConfig } from '../config.js';
import { runCli } from './program.js';

try {
  const config = loadConfig();
  const code = await runCli(process.argv.slice(2), {
    criteriaDir: config.criteriaDir,
    dataDir: config.dataDir,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  });
  process.exitCode = code;
} catch (error) {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exitCode = 1;
}
