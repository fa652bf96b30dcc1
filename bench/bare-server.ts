/**
 * The benchmark's baseline: the least a service can do to answer a verification.
 * Fastify and better-sqlite3, one prepared statement joining the certificate with its
 * organisation and producer (as Sello's verification does), and a small JSON or HTML
 * answer. No validation, signing, rate limits, status computation or templates.
 * `tsx bench/bare-server.ts <sello.sqlite> <port>`; prints "listo" when listening.
 */
import Database from 'better-sqlite3';
import Fastify from 'fastify';

type Row = { code: string; status: string; expiresOn: string; orgName: string; municipality: string; producerName: string };

const [file, port = '0'] = process.argv.slice(2);
if (!file) {
  console.error('Uso: tsx bench/bare-server.ts <archivo sqlite> [puerto]');
  process.exit(2);
}

const db = new Database(file, { readonly: true, fileMustExist: true });
const byCode = db.prepare<[string], Row>(
  `SELECT c.code, c.status, c.expires_on AS expiresOn, o.name AS orgName, o.municipality, p.name AS producerName
     FROM certificates c
     JOIN organizations o ON o.id = c.organization_id
     JOIN producers p ON p.id = c.producer_id
    WHERE c.code = ?`,
);

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const app = Fastify({ logger: false });

app.get<{ Params: { code: string } }>('/json/:code', async (request, reply) => {
  const row = byCode.get(request.params.code);
  if (!row) return reply.code(404).send({ error: 'no existe' });
  return row;
});

app.get<{ Params: { code: string } }>('/html/:code', async (request, reply) => {
  const row = byCode.get(request.params.code);
  if (!row) return reply.code(404).type('text/html; charset=utf-8').send('<!doctype html><title>No existe</title><p>No existe.</p>');
  return reply
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="es"><meta charset="utf-8"><title>Certificado ${escape(row.code)}</title>` +
        `<h1>${escape(row.status)}</h1><p>${escape(row.orgName)} (${escape(row.municipality)})</p>` +
        `<p>${escape(row.producerName)}</p><p>Válido hasta el ${escape(row.expiresOn)}</p></html>`,
    );
});

await app.listen({ port: Number(port), host: '127.0.0.1' });
console.log('listo');
