/** The committee cancels a planned visit from the dossier page, in Chromium on a 360px phone. */
import type { Request } from 'playwright-core';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { seedOrganization, seedUser } from '../helpers/auth.js';
import { axeViolations, documentWidth, expectWithinBudget, PHONE_WITH_SCRIPTS, useBrowser } from '../helpers/browser.js';
import { seedPerson, seedProducer } from '../helpers/registry.js';

const browser = useBrowser();

describe('cancelling a planned visit in Chromium on a 360px phone', () => {
  it('a committee member cancels the planned visit with the reason (an empty reason refused), and can then plan another', async () => {
    const app = await buildTestApp();
    const api = request(app.server);
    const org = seedOrganization(app, 'Cooperativa Agropecuaria Señor de Mayo');
    const committee = await seedUser(app, { role: 'committee', organizationId: org });
    const visited = seedProducer(app, org, { name: 'Familia Choque Quispe', household: 'Familia Choque', sectors: ['agricola'] });
    const reviewerUnit = seedProducer(app, org, { household: 'Familia Mamani' });
    const reviewer = seedPerson(app, org, { fullName: 'Rosa Mamani', producerId: reviewerUnit, household: 'Familia Mamani' });
    const technician = seedPerson(app, org, { fullName: 'Ing. Luis Flores', roles: ['technician'] });
    const dossier = (await api.post('/api/v1/dossiers').set(committee.headers).send({ producerId: visited, cycle: 2026 }).expect(201))
      .body as { id: string };
    const planned = (
      await api
        .post(`/api/v1/dossiers/${dossier.id}/visits`)
        .set(committee.headers)
        .send({
          plannedOn: '2026-05-12',
          team: [
            { personId: reviewer, kind: 'producer' },
            { personId: technician, kind: 'technician' },
          ],
        })
        .expect(201)
    ).body as { id: string };
    const visitStatus = (id: string) =>
      (app.db.$client.prepare('SELECT status FROM visits WHERE id = ?').get(id) as { status: string }).status;

    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const context = await browser().newContext(PHONE_WITH_SCRIPTS);
    const page = await context.newPage();
    let requests: Request[] = [];
    page.on('request', (r) => requests.push(r));

    /** Every page: no serious accessibility problem, no sideways scroll at 360 px, within the weight budget. */
    const checkPage = async (label: string) => {
      expect(await axeViolations(page), label).toEqual([]);
      expect(await documentWidth(page), label).toBeLessThanOrEqual(360);
      await expectWithinBudget(label, requests);
      requests = [];
    };
    const h1 = () => page.getByRole('heading', { level: 1 }).innerText();
    const submit = (name: string) =>
      Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.getByRole('button', { name }).click()]);
    const follow = (name: string) => Promise.all([page.waitForNavigation(), page.getByRole('link', { name }).click()]);
    const visitRow = () => page.getByRole('row').filter({ hasText: '12 de mayo de 2026' });
    const dossierPath = `/app/expedientes/${dossier.id}`;

    await page.goto(`${address}/entrar?volver=${encodeURIComponent(dossierPath)}`);
    await page.getByLabel('Usuario').fill(committee.user.username);
    await page.getByLabel('Contraseña').fill(committee.password);
    await submit('Entrar');
    expect(new URL(page.url()).pathname).toBe(dossierPath);
    await expect(h1()).resolves.toBe('Expediente de Familia Choque Quispe');
    await expect(visitRow().innerText()).resolves.toContain('Planificada');
    // One planned visit at a time: no second one is offered while this one is pending.
    await expect(page.getByRole('link', { name: 'Planificar una visita' }).count()).resolves.toBe(0);
    requests = [];

    // The cancel form; leaving through «Volver» changes nothing.
    await follow('Cancelar la visita del 12 de mayo de 2026');
    await expect(h1()).resolves.toBe('Cancelar la visita del 12 de mayo de 2026');
    await checkPage('/app/expedientes/:id/visitas/:visitId/cancelar');
    const button = await page.getByRole('button', { name: 'Cancelar la visita' }).boundingBox();
    expect(button!.height).toBeGreaterThanOrEqual(44);
    await follow('Volver al expediente sin cancelar');
    expect(visitStatus(planned.id)).toBe('planned');
    await follow('Cancelar la visita del 12 de mayo de 2026');
    requests = [];

    // Without a reason the form comes back with the field marked and the reason next to it.
    await submit('Cancelar la visita');
    const reason = page.getByLabel('Por qué se cancela');
    await expect(reason.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#campo-reason-error').innerText()).resolves.toContain('al menos 5 caracteres');
    await expect(page.locator('#campo-reason-error').isVisible()).resolves.toBe(true);
    expect(visitStatus(planned.id)).toBe('planned');
    await checkPage('/app/expedientes/:id/visitas/:visitId/cancelar (rechazado)');

    await reason.fill('La familia no estará ese día por la cosecha');
    await submit('Cancelar la visita');
    expect(new URL(page.url()).pathname).toBe(dossierPath);
    await expect(page.getByRole('status').innerText()).resolves.toBe(
      'Visita cancelada. El equipo ya no la tiene pendiente; puede planificar otra.',
    );
    await expect(visitRow().innerText()).resolves.toContain('Cancelada');
    await expect(page.getByRole('link', { name: /Cancelar la visita/ }).count()).resolves.toBe(0);
    expect(visitStatus(planned.id)).toBe('cancelled');
    await checkPage('/app/expedientes/:id?hecho=visita-cancelada');

    // The visit no longer blocks the dossier: another one is planned from the page.
    await follow('Planificar una visita');
    await page.getByLabel('Fecha de la visita').fill('2026-06-20');
    await page.getByLabel('Rosa Mamani').selectOption({ label: 'productor/a de otra unidad' });
    await page.getByLabel('Ing. Luis Flores').selectOption({ label: 'técnico/a' });
    await submit('Planificar la visita');
    await expect(page.getByRole('status').innerText()).resolves.toContain('Visita planificada');
    await expect(page.getByRole('row').filter({ hasText: '20 de junio de 2026' }).innerText()).resolves.toContain('Planificada');
    await expect(visitRow().innerText()).resolves.toContain('Cancelada');
    await context.close();
    await app.close();
  }, 120_000);
});
