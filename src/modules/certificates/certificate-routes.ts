/** Certificates for signed-in users: reading, the PDF, and the commission's status acts. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../errors.js';
import { page } from '../registry/registry-schemas.js';
import {
  CertificateListQuerySchema,
  CertificateSchema,
  MemberExclusionSchema,
  SessionActSchema,
  StatusActSchema,
} from './certificate-schemas.js';
import type { CertificateService } from './certificate-service.js';
import { requireActor } from '../../domain/access.js';

const tags = ['Certificados'];
const errors = errorResponses(400, 401, 403, 404, 409, 422);
const IdParams = z.object({ id: z.uuid() });

export const certificateRoutes: FastifyPluginAsyncZod<{ certificates: CertificateService }> = async (app, { certificates }) => {
  app.get(
    '/certificates',
    {
      schema: {
        tags,
        summary: 'Certificados que la cuenta puede ver, con su estado efectivo',
        querystring: CertificateListQuerySchema,
        response: { 200: page(CertificateSchema), ...errors },
      },
    },
    (request) => certificates.list(requireActor(request), request.query),
  );

  app.get(
    '/certificates/:id',
    {
      schema: {
        tags,
        summary: 'Un certificado: estado, condiciones y eventos',
        params: IdParams,
        response: { 200: CertificateSchema, ...errors },
      },
    },
    (request) => certificates.get(requireActor(request), request.params.id),
  );

  app.get(
    '/certificates/:id/certificate.pdf',
    {
      schema: {
        tags,
        summary: 'El certificado en PDF (A4) con su código QR de verificación',
        params: IdParams,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('Documento PDF'), ...errors },
      },
    },
    async (request, reply) => {
      const { code, pdf } = await certificates.pdf(requireActor(request), request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="certificado-${code}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  const acts = [
    ['suspension', 'suspend', 'Suspende el certificado, con el motivo (reversible por la comisión)', StatusActSchema],
    ['reinstatement', 'reinstate', 'Rehabilita un certificado suspendido, por acuerdo de una sesión de la comisión', SessionActSchema],
    ['revocation', 'revoke', 'Revoca el certificado (definitivo), por acuerdo de una sesión de la comisión', SessionActSchema],
  ] as const;
  for (const [path, act, summary, body] of acts) {
    app.post(
      `/certificates/:id/${path}`,
      { schema: { tags, summary, params: IdParams, body, response: { 200: CertificateSchema, ...errors } } },
      (request) => certificates.act(requireActor(request), request.params.id, act, request.body),
    );
  }

  app.post(
    '/certificates/:id/members/:producerId/exclusion',
    {
      schema: {
        tags,
        summary: 'Excluye a un socio de un certificado de grupo (definitivo en ese certificado), por acuerdo de una sesión de la comisión',
        params: z.object({ id: z.uuid(), producerId: z.uuid() }),
        body: MemberExclusionSchema,
        response: { 200: CertificateSchema, ...errors },
      },
    },
    (request) => certificates.excludeMember(requireActor(request), request.params.id, request.params.producerId, request.body),
  );
};
