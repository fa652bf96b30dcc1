import Fastify from 'fastify';
import request from 'supertest';
import { AppError, VALIDATION_FAILED_MESSAGE } from '../../src/errors.js';
import errorHandler from '../../src/http/error-handler.js';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';

const ERROR_KEYS = ['code', 'error', 'message', 'statusCode'];

describe('the one error shape', () => {
  it('answers an unknown route with 404 ROUTE_NOT_FOUND', async () => {
    const app = await buildTestApp();
    const res = await request(app.server).get('/api/v1/no-existe?x=1').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      statusCode: 404,
      code: 'ROUTE_NOT_FOUND',
      error: 'Not Found',
      message: 'No existe la ruta GET /api/v1/no-existe: vea las rutas disponibles en /docs',
    });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const app = await buildTestApp();
    const res = await request(app.server)
      .post('/api/v1/criteria/validate')
      .set('content-type', 'application/json')
      .send('{"scheme": "es-cj-bolivia",')
      .expect(400);
    expect(Object.keys(res.body).sort()).toEqual(ERROR_KEYS);
    expect(res.body.code).toBe('MALFORMED_JSON');
  });

  it('answers an unsupported content type with 415', async () => {
    const app = await buildTestApp();
    const res = await request(app.server).post('/api/v1/criteria/validate').set('content-type', 'application/xml').send('<a/>').expect(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an invalid query with 400 VALIDATION_FAILED and the field paths', async () => {
    const app = await buildTestApp();
    const res = await request(app.server).get('/api/v1/criteria/es-cj-bolivia/diff?from=2025&extra=1').expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', error: 'Bad Request' });
    const paths = (res.body.issues as { path: string }[]).map((i) => i.path).sort();
    expect(paths).toEqual(['query', 'query.from', 'query.to']);
    expect(res.body.issues[0].message).toMatch(/[a-záéíóúñ]/);
  });

  it('tells people what to fix in each field, in plain Spanish, with the stable codes', async () => {
    const app = await buildTestApp();
    const res = await request(app.server).post('/api/v1/auth/login').send({ username: 7, extra: true }).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: VALIDATION_FAILED_MESSAGE });
    expect(res.body.issues).toEqual(
      expect.arrayContaining([
        { path: 'body.password', message: 'Falta este dato', code: 'invalid_type' },
        { path: 'body.username', message: 'Debe ser un texto', code: 'invalid_type' },
        { path: 'body', message: 'No se admite el campo «extra»', code: 'unrecognized_keys' },
      ]),
    );
    expect(JSON.stringify(res.body)).not.toMatch(/se esperaba|recibido|indefinido|Entrada inválida/);
  });

  it('answers an invalid path parameter with 400 and its path', async () => {
    const app = await buildTestApp();
    const res = await request(app.server).get('/api/v1/criteria/es-cj-bolivia/ultima').expect(400);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'params.version' })]);
  });

  it('hides internals of unexpected errors behind a 500', async () => {
    // The same handler buildApp registers, on a bare instance with a route that fails like a bug would.
    const app = Fastify({ logger: false });
    await app.register(errorHandler);
    app.get('/boom', () => {
      throw new Error('SQLITE_CORRUPT: database disk image is malformed at /var/lib/sello');
    });
    const res = await app.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      error: 'Internal Server Error',
      message: 'Error interno del servidor. Intente de nuevo más tarde; si vuelve a ocurrir, avise a la administración',
    });
    expect(res.body).not.toContain('SQLITE');
    await app.close();
  });

  it('maps domain errors to their status with a stable code', async () => {
    const app = Fastify({ logger: false });
    await app.register(errorHandler);
    app.get('/conflict', () => {
      throw new AppError('conflict', 'DOSSIER_STATE', 'El expediente está cerrado', [{ path: 'body.state', message: 'cerrado' }]);
    });
    const res = await app.inject({ method: 'GET', url: '/conflict' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      statusCode: 409,
      code: 'DOSSIER_STATE',
      error: 'Conflict',
      message: 'El expediente está cerrado',
      issues: [{ path: 'body.state', message: 'cerrado' }],
    });
    await app.close();
  });
});
