import { describe, expect, it } from 'vitest';
import { renderAppTemplate } from '../../src/web/app/app-views.js';
import { fieldErrors, pagination, safeReturnPath } from '../../src/web/app/app-pages.js';

describe('components of the people’s pages', () => {
  it('a field ties its hint and error to the input and escapes what was typed', () => {
    const html = renderAppTemplate('field', {
      name: 'plannedOn',
      label: 'Fecha de la visita',
      type: 'date',
      value: '"><script>',
      hint: 'Día en que irá el equipo',
      error: 'Elija una fecha',
      min: '2026-01-01',
    });
    expect(html).toContain('<label for="campo-plannedOn">Fecha de la visita</label>');
    expect(html).toContain('type="date"');
    expect(html).toContain('min="2026-01-01"');
    expect(html).toContain('aria-describedby="campo-plannedOn-ayuda campo-plannedOn-error" aria-invalid="true"');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;"');
    expect(html).not.toContain('<script>');
  });

  it('a password field never sends the password back', () => {
    expect(renderAppTemplate('field', { name: 'password', label: 'Contraseña', type: 'password', value: 'secreto' })).not.toContain(
      'secreto',
    );
  });

  it('a select marks the chosen option and offers a placeholder', () => {
    const html = renderAppTemplate('select', {
      name: 'kind',
      label: 'Tipo',
      placeholder: 'Elija…',
      value: 'consumer',
      options: [
        { value: 'producer', label: 'Productor' },
        { value: 'consumer', label: 'Consumidor' },
      ],
    });
    expect(html).toContain('<option value="">Elija…</option>');
    expect(html).toContain('<option value="consumer" selected>Consumidor</option>');
    expect(html).not.toContain('aria-describedby');
  });

  it('a card table labels every cell but the heading, which carries the link', () => {
    const html = renderAppTemplate('cards', {
      caption: 'Visitas',
      columns: [
        { key: 'producer', label: 'Productor' },
        { key: 'date', label: 'Fecha' },
      ],
      rows: [{ href: '/app/x', cells: { producer: 'Familia Choque', date: '3 de julio' } }],
    });
    expect(html).toContain('<td class="card-head"><a href="/app/x">Familia Choque</a></td>');
    expect(html).toContain('<td data-label="Fecha">3 de julio</td>');
  });

  it('flash, button, empty state and pagination render their parts', () => {
    expect(renderAppTemplate('flash', { flash: { kind: 'success', text: 'Guardado' } })).toContain(
      'class="flash flash-success" role="status"',
    );
    expect(renderAppTemplate('flash', { flash: null }).trim()).toBe('');
    expect(renderAppTemplate('button', { text: 'Borrar', kind: 'danger' })).toContain('class="btn btn-danger" type="submit"');
    expect(renderAppTemplate('empty', { text: 'Nada aún.', action: { href: '/app/nuevo', text: 'Crear' } })).toContain(
      '<a href="/app/nuevo">Crear</a>',
    );
    const pages = pagination(2, 45, 20, (n) => `/app/lista?pagina=${n}`);
    expect(pages).toEqual({ page: 2, pages: 3, previousHref: '/app/lista?pagina=1', nextHref: '/app/lista?pagina=3' });
    const html = renderAppTemplate('pagination', pages);
    expect(html).toContain('Página 2 de 3');
    expect(html).toContain('rel="next" href="/app/lista?pagina=3"');
    expect(renderAppTemplate('pagination', pagination(1, 5, 20, String)).trim()).toBe('');
  });

  it('field errors come from validation issues by field name, first one wins', () => {
    expect(
      fieldErrors([
        { path: 'body.username', message: 'Escriba su usuario' },
        { path: 'body.username', message: 'otro' },
        { path: 'body.team.0.personId', message: 'Elija a alguien' },
      ]),
    ).toEqual({ username: 'Escriba su usuario', team: 'Elija a alguien' });
  });
});

describe('safeReturnPath', () => {
  it.each(['/app', '/app/', '/app/expedientes/abc', '/app?x=1', '/app/visitas?pagina=2'])('keeps %s', (path) => {
    expect(safeReturnPath(path)).toBe(path);
  });
  it.each([
    'https://evil.example/app',
    '//evil.example/app',
    '/\\evil.example',
    '/app/../docs',
    '/app/%2e%2e/docs',
    '/application',
    '/docs',
    'app',
    '/app\n',
    '',
    undefined,
    42,
  ])('refuses %s', (path) => {
    expect(safeReturnPath(path)).toBeNull();
  });
});
