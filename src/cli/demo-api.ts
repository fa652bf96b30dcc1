/**
 * The demo's HTTP client: real routes through `app.inject` with a bearer token.
 * Any answer other than 2xx stops the demo with the service's error body.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { z } from 'zod';

/** A failure explained in Spanish; `detail` is what the service answered. */
export class DemoError extends Error {
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'DemoError';
  }
}

export type DemoCall = {
  /** What the step does, in Spanish, to complete «No se pudo …». */
  step: string;
  method?: 'GET' | 'POST' | 'DELETE';
  url: string;
  token?: string;
  body?: Record<string, unknown>;
  accept?: string;
};

function bodyText(res: LightMyRequestResponse): string {
  try {
    return JSON.stringify(res.json(), null, 2);
  } catch {
    return res.body.slice(0, 2000);
  }
}

export function createDemoClient(app: FastifyInstance) {
  const send = async ({ step, method = 'GET', url, token, body, accept }: DemoCall): Promise<LightMyRequestResponse> => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (accept) headers.accept = accept;
    const res = await app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body }) });
    if (res.statusCode < 200 || res.statusCode > 299) {
      throw new DemoError(`No se pudo ${step}: ${method} ${url} respondió ${res.statusCode}.`, bodyText(res));
    }
    return res;
  };

  return {
    /** A JSON answer, checked against the route's own response schema. */
    async json<S extends z.ZodType>(call: DemoCall, schema: S): Promise<z.output<S>> {
      const res = await send(call);
      const parsed = schema.safeParse(res.json());
      if (!parsed.success) throw new DemoError(`La respuesta a «${call.step}» no tiene la forma esperada.`, z.prettifyError(parsed.error));
      return parsed.data;
    },

    async pdf(call: DemoCall): Promise<Buffer> {
      const res = await send(call);
      if (res.rawPayload.subarray(0, 5).toString('latin1') !== '%PDF-') {
        throw new DemoError(`La respuesta a «${call.step}» no es un PDF (content-type: ${String(res.headers['content-type'])}).`);
      }
      return res.rawPayload;
    },

    async noContent(call: DemoCall): Promise<void> {
      await send(call);
    },
  };
}

export type DemoClient = ReturnType<typeof createDemoClient>;
