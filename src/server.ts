/** Process entry: reads the configuration, listens, and shuts down gracefully on signals. */
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DataDirError } from './db/data-dir.js';
import { CriteriaLoadError } from './modules/criteria/criteria-errors.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp({ config });

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an unexpected error');
    else app.log.info({ signal }, 'closing: waiting for requests in flight');
    await app.close();
  });

  await app.listen({ port: config.port, host: config.host });
  app.log.info(`Sello escuchando en http://${config.host}:${config.port} (documentación en /docs, datos en ${config.dataDir})`);
}

main().catch((error: unknown) => {
  // Known start-up problems are explained, not dumped as stack traces.
  if (error instanceof ConfigError || error instanceof CriteriaLoadError || error instanceof DataDirError) {
    console.error(`Sello no puede iniciar. ${error.message}`);
  } else {
    console.error('Sello no puede iniciar:', error);
  }
  process.exit(1);
});
