/** Request and response schemas of the transparency log API (RFC 6962 style). */
import { z } from 'zod';
import { QueryInt } from '../../query-number.js';

/** What the tree head's signature covers, for the API document and the README. */
export const TREE_HEAD_SIGNATURE_TEXT =
  'JWS compacto (RFC 7515) con EdDSA (Ed25519), cabecera {"alg":"EdDSA","kid":<clave>,"typ":"sello-sth+jws"}; la clave pública está en /.well-known/jwks.json por su kid. ' +
  'La carga útil va dentro del JWS (no separada) y es la forma canónica JSON (RFC 8785) de exactamente {treeSize, rootHash, timestamp}, con los mismos valores de esta respuesta: ' +
  'la firma cubre el tamaño del árbol, su raíz y el momento en que se firmó, y nada más (ni las entradas ni las pruebas, que se comprueban contra rootHash). ' +
  'Quien verifica comprueba la firma con la clave publicada y que la carga útil decodificada coincida con los tres campos.';

export const SignedTreeHeadSchema = z
  .object({
    treeSize: z.int().describe('Número de entradas del árbol'),
    rootHash: z
      .string()
      .describe(
        'Raíz del árbol de Merkle (RFC 6962/9162) en base64: hoja = SHA-256(0x00 ‖ JSON canónico de la entrada), nodo = SHA-256(0x01 ‖ izquierda ‖ derecha); árbol vacío = SHA-256 de nada',
      ),
    timestamp: z.string().describe('Momento de la firma (ISO 8601, UTC)'),
    signature: z.string().describe(TREE_HEAD_SIGNATURE_TEXT),
  })
  .describe('Cabeza firmada del árbol: la firma cubre treeSize, rootHash y timestamp');

export const InclusionQuerySchema = z.object({ leafIndex: QueryInt({ min: 0 }), treeSize: QueryInt({ min: 1 }).optional() }).strict();

export const InclusionProofSchema = z.object({
  leafIndex: z.int(),
  treeSize: z.int(),
  leafHash: z.string(),
  rootHash: z.string(),
  auditPath: z.array(z.string()),
});

/** RFC 9162 (2.1.4) defines a consistency proof only between two trees with 0 < first < second. */
export const ConsistencyQuerySchema = z
  .object({
    first: QueryInt({ min: 1 }).describe('Tamaño del árbol anterior: 1 o más, y menor que second'),
    second: QueryInt({ min: 2 }).describe('Tamaño del árbol posterior: mayor que first'),
  })
  .strict()
  .refine((q) => q.first < q.second, {
    message: 'first debe ser menor que second: la prueba de consistencia (RFC 9162) compara dos tamaños distintos del árbol',
    path: ['first'],
  })
  .describe('Los dos tamaños del árbol: 0 < first < second (RFC 9162, 2.1.4)');

export const ConsistencyProofSchema = z.object({ first: z.int(), second: z.int(), consistency: z.array(z.string()) });

export const EntriesQuerySchema = z
  .object({ start: QueryInt({ min: 0 }), end: QueryInt({ min: 1 }) })
  .strict()
  .refine((q) => q.end > q.start && q.end - q.start <= 1000, {
    message: 'end debe ser mayor que start, y el rango de 1000 entradas como máximo',
    path: ['end'],
  });

export const LogEntrySchema = z.object({
  certificateCode: z.string(),
  event: z.string(),
  at: z.string(),
  reason: z.string().nullable(),
  scheme: z.string(),
  criteriaVersion: z.string(),
  criteriaHash: z.string(),
  eventSeq: z.int(),
  member: z.string().optional().describe('La unidad de la que trata un alta o una exclusión de socio; solo en esos eventos'),
});

export const LogEntriesSchema = z.object({
  entries: z.array(z.object({ leafIndex: z.int(), leafHash: z.string(), entry: LogEntrySchema })),
});
