/**
 * `npm run bench:seed -- <carpeta> [--certificados 100000] [--semilla 1]`: a new data folder
 * with many certificates for the benchmark. The folder is initialised as the service does
 * (migrations, criteria, keys); then one transaction writes, in the order things happened, the
 * registry, the commission's sessions and decisions and the certificates with prepared statements
 * (seed-writer.ts: the same rows and audit entries as the service), the suspensions and revocations
 * with recordCertificateEvent and the expiries with recordTimeEvents, so that `sello log verify`
 * and `sello audit verify` accept the folder.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openKeyStoreIn } from '../src/db/data-dir.js';
import { createVerificationService } from '../src/modules/public/verification-service.js';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { databaseFileIn, immediate } from '../src/db/client.js';
import type { Actor } from '../src/domain/access.js';
import { endOfLaPazDay, expiryDate, laPazDate } from '../src/domain/certificate-state.js';
import { canonicalJson } from '../src/domain/content-hash.js';
import type { CriteriaVersion } from '../src/domain/criteria.js';
import type { AuditActor } from '../src/modules/audit/audit-log.js';
import { createAuthService } from '../src/modules/auth/auth-service.js';
import { createLoginLimiter } from '../src/modules/auth/login-limiter.js';
import { recordCertificateEvent, recordTimeEvents } from '../src/modules/certificates/certificate-events.js';
import { createCertificateRepository } from '../src/modules/certificates/certificate-repository.js';
import { loadCatalog } from '../src/modules/criteria/criteria-service.js';
import { NewUserSchema, type User } from '../src/modules/users/users-schemas.js';
import { createUsersService } from '../src/modules/users/users-service.js';
import { pick, seededRandom } from './seed-data.js';
import { createSeedWriter, TOKEN_FILE } from './seed-writer.js';
import {
  addDays,
  DECISION_RATIONALES,
  planCertificates,
  planOrganizations,
  planProducers,
  planSessionDays,
  REVOCATION_REASONS,
  SUSPENSION_REASONS,
} from './seed-plan.js';

const SYSTEM: AuditActor = { system: 'npm run bench:seed' };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { certificados: { type: 'string', default: '100000' }, semilla: { type: 'string', default: '1' } },
});
const folder = positionals[0];
const total = Number(values.certificados);
if (!folder || !Number.isInteger(total) || total < 1) {
  console.error('Uso: npm run bench:seed -- <carpeta> [--certificados 100000] [--semilla 1]');
  process.exit(2);
}
const dataDir = path.resolve(folder);
if (fs.existsSync(databaseFileIn(dataDir))) {
  console.error(`${dataDir} ya tiene una base de datos: la carga de prueba solo se hace en una carpeta nueva.`);
  process.exit(2);
}

const started = performance.now();
const random = seededRandom(Number(values.semilla));
const config = { ...loadConfig({ ...process.env, SELLO_DATA_DIR: dataDir }), logLevel: 'silent' as const };
const realNow = new Date();
const today = laPazDate(realNow);
const days = planSessionDays(today);
const sessionDays = [...days.old, ...days.recent];
const firstDay = addDays(sessionDays[0]!, -120);

// Built as the service starts: migrations, criteria reconciled with the database, signing keys.
const app = await buildApp({ config, logger: false, sweepIntervalMs: 0, recordCheckIntervalMs: 0 });
const db = app.db;
const sql = db.$client;
// The commit is one fsync; speed over durability is fine for a throw-away benchmark folder.
sql.pragma('synchronous = OFF');
// Random ids land all over the indexes: a large page cache keeps them in memory while the transaction grows.
sql.pragma('cache_size = -524288');
const catalog = loadCatalog(db, config.criteriaDir);
const scheme = 'es-cj-bolivia';
const versions = catalog.scheme(scheme).versions.filter((v) => v.status === 'published' && v.publishedOn);
const versionOn = (day: string): CriteriaVersion => {
  const found = versions.filter((v) => v.publishedOn! <= day).at(-1) ?? versions[0]!;
  return catalog.version(scheme, found.version);
};

// Accounts: one administrator and the commission (three titulares, two suplentes), created at the start of the history.
const at0 = () => new Date(`${firstDay}T12:00:00Z`);
const users = createUsersService(db, at0, app.passwords);
const password = randomUUID();
const account = (username: string, displayName: string, role: 'admin' | 'commission', seat?: 'titular' | 'suplente') =>
  users.create(SYSTEM, NewUserSchema.parse({ username, displayName, password, role, ...(seat ? { commissionSeat: seat } : {}) }));
const actorOf = (u: User): Actor => ({ userId: u.id, username: u.username, role: u.role, organizationId: null, producerId: null });
const admin = actorOf(await account('prueba-admin', 'Administración (datos de prueba)', 'admin'));
const commission: Actor[] = [];
for (const [i, name] of [
  'Rosa Mamani Quispe',
  'Teodoro Choque Apaza',
  'Justina Vargas Rojas',
  'Germán Flores Cusi',
  'Lidia Ticona Huanca',
].entries()) {
  commission.push(actorOf(await account(`prueba-comision-${i + 1}`, name, 'commission', i < 3 ? 'titular' : 'suplente')));
}
const titulares = commission.slice(0, 3);
const chair = titulares[0]!;

const orgPlan = planOrganizations(random, Math.max(1, Math.ceil(total / 40)));
const producerPlan = planProducers(random, orgPlan, total);
const certPlan = planCertificates(random, total, { old: days.old.length, recent: days.recent.length });

const st = {
  org: sql.prepare('INSERT INTO organizations (id, name, kind, department, municipality, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
  committee: sql.prepare('INSERT INTO committees (id, organization_id, name, created_at) VALUES (?, ?, ?, ?)'),
  producer: sql.prepare(
    `INSERT INTO producers (id, organization_id, name, sectors, products, department, municipality, community, household,
       pledge_signed_on, public_name_consent, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  dossier: sql.prepare(
    `INSERT INTO dossiers (id, producer_id, organization_id, cycle, scheme, criteria_version, criteria_hash, state, recommendation,
       created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'ready_for_commission', ?, ?, ?)`,
  ),
  session: sql.prepare(
    `INSERT INTO commission_sessions (id, year, number, scheme, criteria_version, quorum, seats, held_on, place, starts_at, ends_at,
       status, created_by, created_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '09:00', '13:00', 'closed', ?, ?, ?)`,
  ),
  attendance: sql.prepare(
    `INSERT INTO session_attendance (session_id, user_id, present, seat, present_since) VALUES (?, ?, 1, 'titular', ?)`,
  ),
  decision: sql.prepare(
    `INSERT INTO decisions (id, year, number, session_id, dossier_id, proposed_outcome, outcome, rationale, seal_level,
       deferred_for_quorum, dossier_snapshot, snapshot_hash, recorded_by, decided_at)
       VALUES (?, ?, ?, ?, ?, 'approved', 'approved', ?, ?, 0, ?, ?, ?, ?)`,
  ),
  vote: sql.prepare(`INSERT INTO votes (subject, subject_id, user_id, vote, rationale) VALUES ('decision', ?, ?, 'for', NULL)`),
};

const writer = createSeedWriter(db);
const certRepo = createCertificateRepository(db);
const iso = (d: Date) => d.toISOString();
const dayAt = (day: string, hourUtc: number, seconds = 0) =>
  new Date(Date.parse(`${day}T${String(hourUtc).padStart(2, '0')}:00:00Z`) + seconds * 1000);

// Everything that happens, in time order, so the audit trail and the transparency log read as a history.
type Step = { at: number; run: () => void };
const steps: Step[] = [];
const orgIds = orgPlan.map(() => randomUUID());
const producerIds = producerPlan.map(() => randomUUID());
const dossierIds = certPlan.map(() => randomUUID());
const certIds: string[] = [];
const bySession = sessionDays.map(() => [] as number[]);
const actsBySession = sessionDays.map(() => [] as number[]);
for (const [i, c] of certPlan.entries()) {
  bySession[c.session]!.push(i);
  if (c.actSession !== null) actsBySession[c.actSession]!.push(i);
}

// The registry: each organisation before its first producer, each producer before its dossier.
const orgRegistered = orgPlan.map(() => Infinity);
const dossierOpened = certPlan.map((c) => dayAt(addDays(sessionDays[c.session]!, -40 - Math.floor(random() * 20)), 14));
for (const [i, c] of certPlan.entries()) {
  const p = producerPlan[c.producer]!;
  const registered = dossierOpened[i]!.getTime() - (20 + Math.floor(random() * 60)) * 86_400_000;
  orgRegistered[p.organization] = Math.min(orgRegistered[p.organization]!, registered - 86_400_000);
  steps.push({
    at: registered,
    run: () => {
      const at = new Date(registered);
      const id = producerIds[c.producer]!;
      const org = orgPlan[p.organization]!;
      const row = {
        id,
        organizationId: orgIds[p.organization]!,
        name: p.name,
        sectors: p.sectors,
        products: p.products,
        department: org.department,
        municipality: p.municipality,
        community: p.community,
        household: p.household,
        pledgeSignedOn: laPazDate(at),
        publicNameConsent: p.publicNameConsent,
        createdAt: iso(at),
        updatedAt: iso(at),
      };
      st.producer.run(
        id,
        row.organizationId,
        row.name,
        JSON.stringify(row.sectors),
        JSON.stringify(row.products),
        row.department,
        row.municipality,
        row.community,
        row.household,
        row.pledgeSignedOn,
        row.publicNameConsent ? 1 : 0,
        row.createdAt,
        row.updatedAt,
      );
      writer.audit(admin, { entity: 'producer', entityId: id, action: 'create', change: row }, at);
    },
  });
  steps.push({
    at: dossierOpened[i]!.getTime(),
    run: () => {
      const at = dossierOpened[i]!;
      const version = versionOn(laPazDate(at));
      const recommendation = { outcome: 'approve', rationale: pick(random, DECISION_RATIONALES), byUserId: admin.userId, at: iso(at) };
      const row = {
        id: dossierIds[i]!,
        producerId: producerIds[c.producer]!,
        organizationId: orgIds[p.organization]!,
        cycle: Number(laPazDate(at).slice(0, 4)),
        scheme,
        criteriaVersion: version.version,
        criteriaHash: version.contentHash,
      };
      st.dossier.run(
        row.id,
        row.producerId,
        row.organizationId,
        row.cycle,
        scheme,
        row.criteriaVersion,
        row.criteriaHash,
        JSON.stringify(recommendation),
        iso(at),
        iso(at),
      );
      writer.audit(admin, { entity: 'dossier', entityId: row.id, action: 'create', change: { ...row, state: 'ready_for_commission' } }, at);
    },
  });
}
for (const [o, org] of orgPlan.entries()) {
  const registered = orgRegistered[o] === Infinity ? dayAt(firstDay, 13).getTime() : orgRegistered[o]!;
  steps.push({
    at: registered,
    run: () => {
      const at = new Date(registered);
      const id = orgIds[o]!;
      st.org.run(id, org.name, org.kind, org.department, org.municipality, iso(at));
      writer.audit(admin, { entity: 'organization', entityId: id, action: 'create', change: { id, ...org } }, at);
      const committeeId = randomUUID();
      const name = `Comité Local de Garantía de ${org.municipality}`;
      st.committee.run(committeeId, id, name, iso(at));
      writer.audit(admin, { entity: 'committee', entityId: committeeId, action: 'create', change: { organizationId: id, name } }, at);
    },
  });
}

// The commission: each session decides its dossiers, issues their certificates and agrees suspensions and revocations.
const sessionNumber = new Map<number, number>();
const decisionNumber = new Map<number, number>();
const next = (counter: Map<number, number>, year: number) => {
  const n = (counter.get(year) ?? 0) + 1;
  counter.set(year, n);
  return n;
};
for (const [s, day] of sessionDays.entries()) {
  steps.push({
    at: dayAt(day, 13).getTime(),
    run: () => {
      const start = dayAt(day, 13);
      const version = versionOn(day);
      const year = Number(day.slice(0, 4));
      const sessionId = randomUUID();
      const row = {
        id: sessionId,
        year,
        number: next(sessionNumber, year),
        scheme,
        criteriaVersion: version.version,
        quorum: version.commission.quorum,
        seats: version.commission.titulares ?? null,
        heldOn: day,
        place: 'Sala de reuniones de la Plataforma, Cochabamba',
        status: 'closed',
      };
      st.session.run(
        sessionId,
        year,
        row.number,
        scheme,
        row.criteriaVersion,
        row.quorum,
        row.seats,
        day,
        row.place,
        chair.userId,
        iso(start),
        iso(dayAt(day, 17)),
      );
      for (const m of titulares) st.attendance.run(sessionId, m.userId, iso(start));
      writer.audit(
        chair,
        {
          entity: 'commission_session',
          entityId: sessionId,
          action: 'create',
          change: { ...row, presentIds: titulares.map((m) => m.userId) },
        },
        start,
      );
      let k = 0;
      for (const i of bySession[s]!) {
        const at = new Date(start.getTime() + ++k * 5_000);
        const c = certPlan[i]!;
        const p = producerPlan[c.producer]!;
        const dossierVersion = versionOn(laPazDate(dossierOpened[i]!));
        const dossier = {
          id: dossierIds[i]!,
          organizationId: orgIds[p.organization]!,
          producerId: producerIds[c.producer]!,
          scheme,
          criteriaVersion: dossierVersion.version,
          criteriaHash: dossierVersion.contentHash,
        };
        const snapshot = canonicalJson({
          ...dossier,
          producer: { name: p.name, products: p.products, sectors: p.sectors },
          state: 'ready_for_commission',
        });
        const decision = {
          id: randomUUID(),
          year,
          number: next(decisionNumber, year),
          sessionId,
          dossierId: dossier.id,
          proposedOutcome: 'approved',
          outcome: 'approved',
          rationale: pick(random, DECISION_RATIONALES),
          sealLevel: c.sealLevel,
          deferredForQuorum: false,
          snapshotHash: `sha256:${createHash('sha256').update(snapshot, 'utf8').digest('hex')}`,
          recordedBy: chair.userId,
          decidedAt: iso(at),
        };
        st.decision.run(
          decision.id,
          year,
          decision.number,
          sessionId,
          dossier.id,
          decision.rationale,
          c.sealLevel,
          snapshot,
          decision.snapshotHash,
          chair.userId,
          decision.decidedAt,
        );
        const votes = titulares.map((m) => ({ userId: m.userId, vote: 'for' }));
        for (const m of titulares) st.vote.run(decision.id, m.userId);
        writer.audit(
          chair,
          {
            entity: 'decision',
            entityId: decision.id,
            action: 'create',
            change: { ...decision, votes, recusals: [], tally: { for: 3, against: 0, abstain: 0 } },
          },
          at,
        );
        writer.decideDossier(chair, dossier.id, at);
        certIds[i] = writer.issue(
          chair,
          {
            dossier,
            decisionId: decision.id,
            sessionId,
            sealLevel: c.sealLevel,
            products: p.products,
            sectors: p.sectors,
            validityMonths: dossierVersion.certificateValidityMonths,
          },
          at,
        ).id;
      }
      for (const i of actsBySession[s]!) {
        const at = new Date(start.getTime() + ++k * 5_000);
        const revoke = certPlan[i]!.fate === 'revoked';
        const row = certRepo.find(certIds[i]!)!;
        recordCertificateEvent(
          db,
          row,
          {
            event: revoke ? 'revoked' : 'suspended',
            at: iso(at),
            actor: chair,
            reason: pick(random, revoke ? REVOCATION_REASONS : SUSPENSION_REASONS),
            sessionId,
            status: revoke ? 'revoked' : 'suspended',
            suspensionLimit: catalog.suspensionLimit(row.scheme, row.criteriaVersion),
          },
          at,
        );
      }
      writer.audit(
        chair,
        { entity: 'commission_session', entityId: sessionId, action: 'close', change: { status: 'closed' } },
        dayAt(day, 17),
      );
    },
  });
}

// Expiry, recorded as the service's sweep does: at the end of the last valid day (issue() sets expiresOn the same way).
for (const [i, c] of certPlan.entries()) {
  if (c.fate !== 'expired') continue;
  const day = sessionDays[c.session]!;
  const months = versionOn(laPazDate(dossierOpened[i]!)).certificateValidityMonths;
  const expiresAt = endOfLaPazDay(expiryDate(day, months)).getTime();
  steps.push({ at: expiresAt, run: () => void recordTimeEvents(db, certRepo.find(certIds[i]!)!, new Date(expiresAt), null) });
}

// Suspensions past the maximum of their criteria: revoked by the system at the end of their last day, as
// the service's sweep would record them at start (src/domain/suspension-limit.ts).
let revokedBySystem = 0;
steps.push({
  at: realNow.getTime(),
  run: () => {
    for (const [i, c] of certPlan.entries()) {
      if (c.fate !== 'suspended') continue;
      const row = certRepo.find(certIds[i]!)!;
      revokedBySystem += recordTimeEvents(db, row, realNow, catalog.suspensionLimit(row.scheme, row.criteriaVersion));
    }
  },
});

const planned = performance.now();
const cpuBefore = process.cpuUsage();
immediate(db, () => {
  // A stable sort: steps at the same instant keep the order they were planned in.
  for (const step of steps.sort((a, b) => a.at - b.at)) step.run();
});
const written = performance.now();
const cpu = process.cpuUsage(cpuBefore);

// Every certificate checked against its history as the service's record check does after a start,
// here all at once: the service then starts with each one sealed (src/modules/public/record-seals.ts).
const verification = createVerificationService({
  db,
  catalog,
  keys: openKeyStoreIn(dataDir, () => new Date()),
  now: () => new Date(),
  publicBaseUrl: config.publicBaseUrl,
});
let failing = 0;
for (let cursor = 0, step; (step = verification.checkRecords(cursor, 1_000)).checked > 0; cursor = step.cursor)
  failing += step.failing.length;
if (failing > 0) throw new Error(`${failing} certificados sembrados no coinciden con su historial`);
const checked = performance.now();

// A token of a commission account, for the PDF scenario of the benchmark (created now, so last in the trail).
const auth = createAuthService(db, createLoginLimiter(), () => new Date(), app.passwords);
const { token } = auth.createApiToken(chair, 'npm run bench');
fs.writeFileSync(path.join(dataDir, TOKEN_FILE), `${token}\n`, { mode: 0o600 });
sql.pragma('synchronous = FULL');
sql.pragma('wal_checkpoint(TRUNCATE)');
await app.close();

const count = (fate: string) => certPlan.filter((c) => c.fate === fate).length;
console.log(`Carpeta ${dataDir}: ${total} certificados de ${orgPlan.length} organizaciones.`);
console.log(
  `  vigentes ${count('active')}, suspendidos ${count('suspended') - revokedBySystem}, revocados ${count('revoked') + revokedBySystem} (${revokedBySystem} por el sistema, al pasar la suspensión su máximo), vencidos ${count('expired')}`,
);
console.log(`  ${sessionDays.length} sesiones de la comisión, del ${sessionDays[0]} al ${sessionDays.at(-1)}`);
console.log(
  `Tiempo: ${((performance.now() - started) / 1000).toFixed(1)} s (preparación ${((planned - started) / 1000).toFixed(1)} s, escritura ${((written - planned) / 1000).toFixed(1)} s, de ellos ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s de CPU; comprobación contra el historial ${((checked - written) / 1000).toFixed(1)} s).`,
);
console.log(`Token de API de la comisión (para el escenario de PDF): ${path.join(dataDir, TOKEN_FILE)}`);
