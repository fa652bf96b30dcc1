/** Who takes part in the demo: the first administrator, the registry (organisation, committee, family units, people) and
 * each participant's account with its API token. Used by `driveDemoCycle` in demo-cycle.ts. */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { ROLE_LABEL, type Role } from '../domain/access.js';
import { newSecret } from '../modules/auth/secrets.js';
import { CommitteeSchema, OrganizationSchema, PersonSchema, ProducerSchema } from '../modules/registry/registry-schemas.js';
import { NewUserSchema, UserSchema, type User } from '../modules/users/users-schemas.js';
import { createUsersService } from '../modules/users/users-service.js';
import type { DemoClient } from './demo-api.js';
import { DEMO_ACCOUNTS, DEMO_ADMIN, DEMO_COMMITTEE_NAME, DEMO_ORGANIZATION, DEMO_PERSONS, DEMO_PRODUCERS } from './demo-data.js';

export type DemoAccount = { username: string; password: string; displayName: string; role: Role; roleLabel: string };
export type Signed = { user: User; token: string; tokenId: string };

export type DemoParticipants = {
  accounts: DemoAccount[];
  units: Record<keyof typeof DEMO_PRODUCERS, z.output<typeof ProducerSchema>>;
  people: Record<keyof typeof DEMO_PERSONS, z.output<typeof PersonSchema>>;
  /** Each account's user and token, by its key in DEMO_ACCOUNTS. */
  as: Record<string, Signed>;
};

const DAY_MS = 86_400_000;
export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** A password as `sello admin create` generates it: random, shown once. */
const newPassword = () => newSecret().slice(0, 20);

/**
 * Registers everyone through the API (only the first administrator comes from the service, as `sello admin create` does).
 * `sign` creates an API token and records it with the caller, who revokes them all when the demo ends.
 */
export async function registerDemoParticipants(
  app: FastifyInstance,
  api: DemoClient,
  progress: (line: string) => void,
  clock: { now: () => Date; today: string },
  sign: (user: User) => Signed,
): Promise<DemoParticipants> {
  const { now, today } = clock;
  const accounts: DemoAccount[] = [];
  const remember = (user: User, password: string) =>
    accounts.push({ username: user.username, password, displayName: user.displayName, role: user.role, roleLabel: ROLE_LABEL[user.role] });

  // The first administrator, as `sello admin create` makes it.
  const adminPassword = newPassword();
  const adminUser = await createUsersService(app.db, now, app.passwords).create(
    { system: 'npm run demo' },
    NewUserSchema.parse({ ...DEMO_ADMIN, password: adminPassword, role: 'admin' }),
  );
  remember(adminUser, adminPassword);
  const admin = sign(adminUser).token;

  // Registry: the cooperative, its committee, three family units and the people of the guarantee.
  const org = await api.json(
    { step: 'registrar la organización', method: 'POST', url: '/api/v1/organizations', token: admin, body: DEMO_ORGANIZATION },
    OrganizationSchema,
  );
  await api.json(
    {
      step: 'crear el comité local',
      method: 'POST',
      url: `/api/v1/organizations/${org.id}/committees`,
      token: admin,
      body: { name: DEMO_COMMITTEE_NAME },
    },
    CommitteeSchema,
  );
  const units = {} as Record<keyof typeof DEMO_PRODUCERS, z.output<typeof ProducerSchema>>;
  for (const [key, producer] of Object.entries(DEMO_PRODUCERS) as [
    keyof typeof DEMO_PRODUCERS,
    (typeof DEMO_PRODUCERS)[keyof typeof DEMO_PRODUCERS],
  ][]) {
    units[key] = await api.json(
      {
        step: `registrar la unidad productiva ${producer.name}`,
        method: 'POST',
        url: '/api/v1/producers',
        token: admin,
        body: { ...producer, organizationId: org.id, pledgeSignedOn: addDays(today, -270) },
      },
      ProducerSchema,
    );
  }
  const people = {} as Record<keyof typeof DEMO_PERSONS, z.output<typeof PersonSchema>>;
  for (const [key, { unit, ...person }] of Object.entries(DEMO_PERSONS) as [
    keyof typeof DEMO_PERSONS,
    (typeof DEMO_PERSONS)[keyof typeof DEMO_PERSONS],
  ][]) {
    people[key] = await api.json(
      {
        step: `registrar a ${person.fullName}`,
        method: 'POST',
        url: '/api/v1/persons',
        token: admin,
        body: { ...person, organizationId: org.id, producerId: unit ? units[unit].id : null },
      },
      PersonSchema,
    );
  }
  progress(
    `✓ Organización: ${org.name} (${org.municipality}, La Paz), con su comité local, ${Object.keys(units).length} unidades productivas y ${Object.keys(people).length} personas`,
  );

  // Accounts for each participant, created by the administrator through the API.
  const as = {} as Record<string, Signed>;
  for (const spec of DEMO_ACCOUNTS) {
    const password = newPassword();
    const inOrganization = spec.role !== 'commission';
    const user = await api.json(
      {
        step: `crear la cuenta ${spec.username}`,
        method: 'POST',
        url: '/api/v1/users',
        token: admin,
        body: {
          username: spec.username,
          displayName: spec.displayName,
          password,
          role: spec.role,
          organizationId: inOrganization ? org.id : null,
          producerId: spec.unit ? units[spec.unit].id : null,
          personId: spec.person ? people[spec.person].id : null,
          ...(spec.seat ? { commissionSeat: spec.seat } : {}),
        },
      },
      UserSchema,
    );
    remember(user, password);
    as[spec.key] = sign(user);
  }
  progress(
    `✓ ${accounts.length} cuentas: administración, comité local, revisora par, productora y ${DEMO_ACCOUNTS.filter((a) => a.seat === 'titular').length} titulares y ${DEMO_ACCOUNTS.filter((a) => a.seat === 'suplente').length} suplente de la comisión`,
  );
  return { accounts, units, people, as };
}
