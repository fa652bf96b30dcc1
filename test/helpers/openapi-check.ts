/**
 * Checks answers of the running app against its own OpenAPI document (/docs/json): the status is
 * declared for the operation, the media type is declared for that status, and JSON bodies are valid
 * against the declared schema, by a real JSON Schema validator (ajv, with the OpenAPI 3.0 `nullable`).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type request from 'supertest';

// ajv-formats is CommonJS: its default export is the module object under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

type Schema = Record<string, unknown>;
type MediaType = { schema?: Schema };
type ResponseObject = { description?: string; content?: Record<string, MediaType> };
export type Operation = {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, ResponseObject>;
  security?: Record<string, string[]>[];
};
export type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes?: Record<string, Schema> };
};

/** `GET /api/v1/users/{id}`: how the access matrix and this check name an operation. */
export const operationsOf = (doc: OpenApiDocument): string[] =>
  Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));

const DOC_ID = 'sello-openapi';

/** Points `#/components/...` references at the document registered in ajv. */
function rebased(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebased);
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy = { ...(schema as Schema) };
  // OpenAPI 3.0 writes exclusive bounds as booleans beside minimum/maximum; JSON Schema as the bound itself.
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof copy[exclusive] !== 'boolean') continue;
    if (copy[exclusive] === true) copy[exclusive] = copy[bound];
    else delete copy[exclusive];
    if (copy[exclusive] !== undefined) delete copy[bound];
  }
  // OpenAPI 3.0: `nullable: true` adds null to the allowed values, also of an enum.
  if (copy.nullable === true && Array.isArray(copy.enum) && !copy.enum.includes(null)) copy.enum = [...(copy.enum as unknown[]), null];
  // A nullable reference (`nullable` beside `allOf: [{ $ref }]`, with no type): the referenced schema, or null.
  if (copy.nullable === true && copy.type === undefined && Array.isArray(copy.allOf)) {
    const { nullable: _n, allOf, ...rest } = copy;
    return rebased({ ...rest, anyOf: [{ allOf }, { type: 'null' }] });
  }
  return Object.fromEntries(
    Object.entries(copy).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${DOC_ID}${value}` : rebased(value),
    ]),
  );
}

const isJson = (media: string) => media === 'application/json' || media.endsWith('+json');

export function contractChecker(doc: OpenApiDocument) {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema({ $id: DOC_ID, components: rebased(doc.components) as Schema });
  const validators = new Map<string, ValidateFunction>();
  const validatorFor = (key: string, schema: Schema) => {
    let validate = validators.get(key);
    if (!validate) {
      validate = ajv.compile(rebased(schema) as Schema);
      validators.set(key, validate);
    }
    return validate;
  };

  /** Every disagreement between one answer and the document, as readable lines (empty: it agrees). */
  return function check(route: string, res: request.Response): string[] {
    const [method, path] = route.split(' ') as [string, string];
    const operation = doc.paths[path]?.[method.toLowerCase()];
    if (!operation) return [`${route}: la operación no está en el documento`];
    const where = `${route} → ${res.status}`;
    const problems: string[] = [];
    if (res.status >= 500) problems.push(`${where}: error del servidor ${JSON.stringify(res.body)}`);
    const declared =
      operation.responses[String(res.status)] ?? operation.responses[`${String(res.status)[0]}XX`] ?? operation.responses.default;
    if (!declared) return [...problems, `${where}: estado no declarado (declarados: ${Object.keys(operation.responses).join(', ')})`];
    const media = String(res.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    const length = Number(res.headers['content-length'] ?? NaN);
    const hasBody = media !== '' && !(length === 0);
    if (!declared.content) {
      if (hasBody && (res.text ?? '') !== '') problems.push(`${where}: se declara sin cuerpo y llegó ${media}`);
      return problems;
    }
    const mediaType = declared.content[media];
    if (!mediaType) {
      return [
        ...problems,
        `${where}: tipo de contenido ${media || '(ninguno)'} no declarado (${Object.keys(declared.content).join(', ')})`,
      ];
    }
    if (isJson(media) && mediaType.schema) {
      const validate = validatorFor(`${route} ${res.status} ${media}`, mediaType.schema);
      const body: unknown =
        res.body !== undefined && Object.keys(res.body as object).length > 0 ? res.body : JSON.parse(res.text || 'null');
      if (!validate(body)) {
        problems.push(`${where}: el cuerpo no cumple su esquema: ${ajv.errorsText(validate.errors, { dataVar: 'body' })}`);
      }
    }
    return problems;
  };
}
