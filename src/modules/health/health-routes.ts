/** Liveness and readiness: the database answers, a write still fits, and criteria are loaded. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OPTIONAL_AUTH } from '../../openapi-docs.js';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { Db } from '../../db/client.js';
import { createHealthRepository, databaseIsFull, freeBytesIn, MIN_FREE_BYTES, type DatabasePages } from './health-repository.js';

const StorageSchema = z.object({
  status: z
    .enum(['ok', 'full', 'unknown'])
    .describe('ok: caben escrituras; full: el disco o la base de datos están llenos y no se guarda nada nuevo; unknown: no se pudo medir'),
  message: z.string().optional().describe('Qué pasa y qué hacer, en castellano, cuando no está bien'),
  freeBytes: z.int().nullable().describe('Bytes libres en el disco de la carpeta de datos (null si la carpeta no existe)'),
  database: z
    .object({
      pageCount: z.int().describe('Páginas que tiene la base de datos'),
      maxPageCount: z.int().describe('Páginas que puede llegar a tener (max_page_count)'),
      freePages: z.int().describe('Páginas libres dentro del archivo'),
    })
    .optional(),
});

const HealthSchema = z.object({
  status: z.enum(['ok', 'error']).describe('error (con 503) si la base de datos no responde o el almacenamiento está lleno'),
  database: z.object({ status: z.enum(['ok', 'error']), journalMode: z.string().optional() }),
  storage: StorageSchema,
  criteria: z.object({
    schemes: z.int(),
    versions: z.int(),
    current: z.array(z.object({ scheme: z.string(), version: z.string().nullable() })),
  }),
});

export const STORAGE_FULL_HEALTH_MESSAGE =
  'El almacenamiento está lleno: no se puede guardar nada nuevo. Libere espacio en el disco de la carpeta de datos o avise a la administración.';

export type HealthOptions = {
  db: Db;
  catalog: CriteriaCatalog;
  /** The data folder, whose disk's free space is measured (skipped while it does not exist). */
  dataDir: string;
  /** Free bytes under which the data folder counts as full. */
  minFreeBytes?: number;
};

export const healthRoutes: FastifyPluginAsyncZod<HealthOptions> = async (app, { db, catalog, dataDir, minFreeBytes = MIN_FREE_BYTES }) => {
  const health = createHealthRepository(db);

  const storageOf = (pages: DatabasePages | undefined, freeBytes: number | null): z.infer<typeof StorageSchema> => {
    const full = (pages !== undefined && databaseIsFull(pages)) || (freeBytes !== null && freeBytes < minFreeBytes);
    const status = full ? 'full' : pages ? 'ok' : 'unknown';
    return { status, ...(full ? { message: STORAGE_FULL_HEALTH_MESSAGE } : {}), freeBytes, ...(pages ? { database: pages } : {}) };
  };

  app.get(
    '/health',
    {
      schema: {
        tags: ['Servicio'],
        security: OPTIONAL_AUTH,
        summary: 'Estado del servicio: base de datos, espacio de almacenamiento y criterios cargados',
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (request, reply) => {
      const criteria = {
        ...catalog.count(),
        current: catalog.schemes().map((s) => ({ scheme: s.scheme, version: s.currentVersion })),
      };
      let freeBytes: number | null = null;
      try {
        freeBytes = freeBytesIn(dataDir);
      } catch (err) {
        request.log.error({ err }, 'health check: free space of the data folder unknown');
      }
      let journalMode: string;
      let pages: DatabasePages;
      try {
        journalMode = health.journalMode();
        pages = health.pages();
      } catch (err) {
        request.log.error({ err }, 'health check: database unavailable');
        return reply.code(503).send({ status: 'error', database: { status: 'error' }, storage: storageOf(undefined, freeBytes), criteria });
      }
      const storage = storageOf(pages, freeBytes);
      const database = { status: 'ok' as const, journalMode };
      if (storage.status === 'full') {
        request.log.error({ storage }, 'health check: storage full');
        return reply.code(503).send({ status: 'error', database, storage, criteria });
      }
      return { status: 'ok' as const, database, storage, criteria };
    },
  );
};
