import { describe, expect, it } from 'vitest';
import {
  CERTIFICATE_STATUSES,
  renderCodeNotFoundPage,
  renderHomePage,
  renderRegistryPage,
  renderVerificationPage,
  type CertificateStatus,
  type Locale,
} from '../../src/web/pages.js';
import { externalReferences, HOSTILE, notFoundView, registryEntry, registryView, verificationView } from '../browser/page-fixtures.js';

const MAX_BYTES = 20 * 1024;
const bytes = (html: string) => Buffer.byteLength(html, 'utf8');
/** The text of the page without tags, with entities of the fixtures decoded, for phrase checks. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const statusWord = (html: string) => /<span class="word">([^<]*)<\/span>/.exec(html)?.[1];

const WORDS: Record<Locale, Record<CertificateStatus, string>> = {
  es: { active: 'VIGENTE', suspended: 'SUSPENDIDO', revoked: 'REVOCADO', expired: 'VENCIDO' },
  en: { active: 'VALID', suspended: 'SUSPENDED', revoked: 'REVOKED', expired: 'EXPIRED' },
};

const longView = verificationView({
  status: 'revoked',
  statusReason: 'x'.repeat(5000),
  organization: { name: 'Organización '.repeat(200), department: 'Potosí'.repeat(50), municipality: 'Uyuni'.repeat(50) },
  producer: 'Productora '.repeat(200),
  products: Array.from({ length: 500 }, (_, i) => `Producto número ${i} con un nombre largo y descriptivo `.repeat(3)),
  sectors: Array.from({ length: 100 }, (_, i) => `Sector ${i} `.repeat(10)),
});

describe('verification page', () => {
  it.each(CERTIFICATE_STATUSES.flatMap((status) => (['es', 'en'] as const).map((locale) => [status, locale] as const)))(
    'shows %s in words and colour (%s)',
    (status, locale) => {
      const html = renderVerificationPage(verificationView({ status }), locale);
      expect(statusWord(html)).toBe(WORDS[locale][status]);
      expect(html).toContain(`class="status status-${status}"`);
      // The word is the page's first heading, so it is what a screen reader reads first.
      expect(html.indexOf('<h1')).toBe(html.indexOf(`<h1 id="status-word">`));
      expect(html).toContain(`<html lang="${locale}">`);
    },
  );

  it('explains each status in one line, with dates in words', () => {
    const page = (overrides: Parameters<typeof verificationView>[0]) => text(renderVerificationPage(verificationView(overrides), 'es'));
    expect(page({ status: 'active' })).toContain('Este certificado es válido hasta el 12 de marzo de 2027.');
    expect(page({ status: 'suspended', statusSince: '2026-04-03T15:00:00Z', statusReason: 'acciones correctivas vencidas' })).toContain(
      'Este certificado está suspendido desde el 3 de abril de 2026. Motivo: Acciones correctivas vencidas.',
    );
    expect(page({ status: 'suspended', statusSince: '2026-04-03T15:00:00Z', statusReason: null })).toContain(
      'Este certificado está suspendido desde el 3 de abril de 2026.',
    );
    expect(page({ status: 'revoked', statusSince: '2026-05-20T15:00:00Z', statusReason: '  ' })).toContain(
      'Este certificado fue revocado de forma definitiva el 20 de mayo de 2026.',
    );
    expect(page({ status: 'revoked', statusSince: '2026-05-20T15:00:00Z', statusReason: '  ' })).not.toContain('Motivo');
    expect(page({ status: 'expired' })).toContain('Este certificado venció el 12 de marzo de 2027 y ya no es válido.');
    expect(page({ status: 'active' })).not.toContain('no pueden llevar el sello');
    expect(page({ status: 'expired' })).toContain('no pueden llevar el sello');
  });

  it.each([
    'Se detectó venta de café de terceros con el sello',
    'Se detectó venta de café de terceros con el sello.',
    'Se detectó venta de café de terceros con el sello..',
    'se detectó venta de café de terceros con el sello...',
    '  Se detectó venta de café de terceros con el sello;  ',
  ])('puts the reason "%s" after "Motivo:" as one sentence with one full stop', (reason) => {
    const explain = (status: 'suspended' | 'revoked') =>
      /<p class="explain">([^<]*)<\/p>/.exec(
        renderVerificationPage(verificationView({ status, statusSince: '2026-05-03T15:00:00Z', statusReason: reason }), 'es'),
      )?.[1];
    expect(explain('suspended')).toBe(
      'Este certificado está suspendido desde el 3 de mayo de 2026. Motivo: Se detectó venta de café de terceros con el sello.',
    );
    expect(explain('revoked')).toBe(
      'Este certificado fue revocado de forma definitiva el 3 de mayo de 2026. Motivo: Se detectó venta de café de terceros con el sello.',
    );
  });

  it('keeps a reason that ends in a question or an ellipsis as typed, and says what the status means for the products', () => {
    const page = (overrides: Parameters<typeof verificationView>[0]) => text(renderVerificationPage(verificationView(overrides), 'es'));
    expect(page({ status: 'suspended', statusSince: '2026-05-03T15:00:00Z', statusReason: '¿Uso indebido del sello?' })).toContain(
      'Motivo: ¿Uso indebido del sello? Mientras esté suspendido, los productos no pueden llevar el sello.',
    );
    expect(page({ status: 'revoked', statusReason: 'x'.repeat(1000) })).toMatch(/Motivo: Xx+… Los productos ya no pueden llevar el sello/);
  });

  it('shows the facts a buyer checks, the time of the check in Bolivia and the official address', () => {
    const page = text(renderVerificationPage(verificationView(), 'es'));
    for (const fact of [
      'Asociación de Productores de Quinua Real',
      'María Quispe Mamani',
      'Quinua real blanca y Harina de quinua',
      'Uyuni, Potosí',
      'Pleno',
      'Sello ES/CJ, versión 1.0.0 (huella 9f86d081884c)',
      '12 de marzo de 2026',
      // 18:05 UTC is 14:05 in Bolivia (UTC-4).
      'Consultado el 23 de noviembre de 2026, 14:05 (hora de Bolivia).',
      'https://sello.example.bo/c/7K3M-9QXA-2F4P',
    ]) {
      expect(page).toContain(fact);
    }
    // Late at night in UTC is still the day before in Bolivia.
    const late = text(renderVerificationPage(verificationView({ checkedAt: '2026-11-24T02:30:00Z' }), 'es'));
    expect(late).toContain('Consultado el 23 de noviembre de 2026, 22:30');
  });

  it('leaves out the producer when not consented and links to JSON, registry and the other language', () => {
    const html = renderVerificationPage(verificationView({ producer: null }), 'es');
    expect(html).not.toContain('Productor/a');
    expect(html).toContain('href="/c/7K3M-9QXA-2F4P?format=json"');
    expect(html).toContain('href="/registro"');
    expect(html).toContain('href="?lang=en"');
  });

  it('renders in English', () => {
    const html = renderVerificationPage(
      verificationView({ status: 'suspended', statusSince: '2026-04-03T15:00:00Z', statusReason: 'overdue corrective actions' }),
      'en',
    );
    const page = text(html);
    expect(page).toContain('This certificate has been suspended since 3 April 2026. Reason: Overdue corrective actions.');
    expect(page).toContain('Checked on 23 November 2026, 14:05 (Bolivia time).');
    expect(page).toContain('Issued on');
    expect(page).not.toMatch(/Consultado|Vence el|Organización/);
    expect(html).toContain('href="?lang=es"');
    expect(html).toContain('href="/registro?lang=en"');
  });

  it('escapes every value that comes from data', () => {
    const html = renderVerificationPage(
      verificationView({
        status: 'suspended',
        statusReason: HOSTILE,
        organization: { name: HOSTILE, department: HOSTILE, municipality: HOSTILE },
        producer: HOSTILE,
        products: [HOSTILE],
        sectors: [HOSTILE],
        sealLevel: HOSTILE,
        scheme: { name: HOSTILE, version: HOSTILE, contentHash: HOSTILE },
        jsonUrl: '"><script>alert(2)</script>',
      }),
      'es',
    );
    expect(html).not.toMatch(/<script|"Señor"/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Señor&quot;');
  });

  it('stays under 20 KB, and about 6 KB for a typical certificate', () => {
    expect(bytes(renderVerificationPage(verificationView(), 'es'))).toBeLessThan(7 * 1024);
    for (const locale of ['es', 'en'] as const) {
      const html = renderVerificationPage(longView, locale);
      expect(bytes(html)).toBeLessThan(MAX_BYTES);
      expect(text(html)).toContain(locale === 'es' ? 'y 480 más' : 'and 480 more');
    }
  });
});

describe('code not found page', () => {
  const render = (reason: 'unknown' | 'bad_check' | 'malformed', locale: Locale = 'es') =>
    renderCodeNotFoundPage(notFoundView({ reason }), locale);

  it('warns of a possible forgery for an unknown code', () => {
    const page = text(render('unknown'));
    expect(page).toContain('Ningún certificado del sello tiene este código: es una posible falsificación.');
    expect(page).toContain('no confíe en el sello de este producto. Denúncielo con el enlace «Presentar una denuncia sobre este sello»');
    expect(page).toContain('https://sello.example.bo/');
    expect(page).not.toContain('error de escritura');
    expect(render('unknown')).toContain('status-unknown');
  });

  it.each(['bad_check', 'malformed'] as const)('calls %s a typing error, not a forgery', (reason) => {
    const page = text(render(reason));
    expect(page).toContain('El código tiene un error de escritura.');
    expect(page).toContain('no significa que el producto sea falso');
    expect(page).not.toContain('posible falsificación');
    expect(render(reason)).toContain('status-typo');
  });

  it('gives different help for a wrong check character and a malformed code, in both languages', () => {
    for (const locale of ['es', 'en'] as const) {
      const pages = new Set((['unknown', 'bad_check', 'malformed'] as const).map((reason) => text(render(reason, locale))));
      expect(pages.size).toBe(3);
    }
    expect(text(render('unknown', 'en'))).toContain('No certificate of the seal has this code: it may be a forgery.');
    expect(text(render('malformed', 'en'))).toContain('The code has a typing error.');
  });

  it.each(['es', 'en'] as const)('says "not found" once, then what to check and how a code looks (%s)', (locale) => {
    const html = render('unknown', locale);
    const main = text(/<main>([^]*)<\/main>/.exec(html)![1]!);
    const notFound = locale === 'es' ? /no encontrado/gi : /not found/gi;
    expect(main.match(notFound)).toHaveLength(1);
    expect(main).toContain(
      locale === 'es' ? 'son 12 letras y números en tres grupos de cuatro' : '12 letters and digits in three groups of four',
    );
    expect(/<title>([^<]*)<\/title>/.exec(html)?.[1]).toBe(locale === 'es' ? 'Código no encontrado' : 'Code not found');
    expect(main).not.toMatch(/carácter de control|check character/);
  });

  it('shows what was typed, escaped and clipped, and offers a retry form only when given where to send it', () => {
    const hostile = renderCodeNotFoundPage(notFoundView({ input: HOSTILE }), 'es');
    expect(hostile).not.toMatch(/<script|"Señor"/);
    expect(hostile).toContain('&lt;script&gt;');
    expect(hostile).not.toContain('<form');
    const long = renderCodeNotFoundPage(notFoundView({ input: 'A'.repeat(100_000), reason: 'malformed' }), 'es');
    expect(bytes(long)).toBeLessThan(MAX_BYTES);
    expect(text(renderCodeNotFoundPage(notFoundView({ input: '   ' }), 'es'))).toContain('(vacío)');

    const form = renderCodeNotFoundPage(notFoundView({ reason: 'bad_check', retryAction: '/verificar' }), 'en');
    expect(form).toContain('<form class="retry" method="get" action="/verificar">');
    expect(form).toContain('name="codigo" value="7K3M-9QXA-2F4X"');
    expect(form).toContain('<input type="hidden" name="lang" value="en">');
  });

  it('stays under 20 KB', () => {
    for (const reason of ['unknown', 'bad_check', 'malformed'] as const) expect(bytes(render(reason))).toBeLessThan(MAX_BYTES);
  });
});

describe('every public page', () => {
  const pages: [string, string][] = [
    ...CERTIFICATE_STATUSES.map((status): [string, string] => [
      `verification ${status}`,
      renderVerificationPage(verificationView({ status }), 'es'),
    ]),
    ['verification with long lists', renderVerificationPage(longView, 'en')],
    ['not found', renderCodeNotFoundPage(notFoundView({ retryAction: '/verificar' }), 'es')],
    ['bad check', renderCodeNotFoundPage(notFoundView({ reason: 'bad_check' }), 'en')],
    ['registry', renderRegistryPage(registryView({ query: { q: 'café', page: 2 }, total: 50 }), 'es')],
    ['home', renderHomePage({ publicBaseUrl: 'https://sello.example.bo' }, 'es')],
    ['home with a refused code', renderHomePage({ publicBaseUrl: 'https://sello.example.bo', code: HOSTILE, problem: 'malformed' }, 'en')],
  ];

  it.each(pages)('%s loads nothing from elsewhere and runs no script', (_name, html) => {
    expect(externalReferences(html)).toEqual([]);
    expect(html).toMatch(/<meta name="viewport" content="width=device-width,initial-scale=1">/);
    expect(html).toMatch(/<style>[^<]+<\/style>/);
  });

  it('the external reference check catches what it looks for', () => {
    expect(
      externalReferences(
        '<a href="https://evil.example/x">a</a><img src="//cdn.example/i.png"><form action="http://x.example"></form><style>@import "x.css";b{background:url(http://x/y)}</style><script>1</script>',
      ),
    ).toEqual(['https://evil.example/x', '//cdn.example/i.png', 'http://x.example', '<script', '@import', 'url(', '<img']);
  });
});

describe('registry page', () => {
  const filtered = registryView({
    query: { q: 'café & "té"', product: 'Café', department: 'la-paz', sector: 'cafe', status: 'suspended', page: 2 },
    total: 95,
    pageSize: 20,
    entries: Array.from({ length: 20 }, (_, i) =>
      registryEntry({ organization: `Organización ${i}`, certificate: { code: `CODE-${i}`, verifyUrl: `/c/CODE-${i}` } }),
    ),
  });
  const links = (html: string) =>
    [...html.matchAll(/<a rel="(prev|next)" href="([^"]*)"/g)].map((m) => [m[1], m[2]!.replaceAll('&amp;', '&')]);

  it('keeps every filter in the pagination links', () => {
    const html = renderRegistryPage(filtered, 'es');
    const filters = 'q=caf%C3%A9+%26+%22t%C3%A9%22&product=Caf%C3%A9&department=la-paz&sector=cafe&status=suspended';
    expect(links(html)).toEqual([
      ['prev', `/registro?${filters}`],
      ['next', `/registro?${filters}&page=3`],
    ]);
    expect(text(html)).toContain('Página 2 de 5');
    expect(text(html)).toContain('21–40 de 95 organizaciones');
  });

  it('keeps the language in links, the form and the language switch', () => {
    const html = renderRegistryPage(filtered, 'en');
    expect(links(html).map(([, href]) => href)).toEqual([expect.stringMatching(/&lang=en$/), expect.stringMatching(/&lang=en&page=3$/)]);
    expect(html).toContain('<input type="hidden" name="lang" value="en">');
    expect(html).toContain('href="/c/CODE-0?lang=en"');
    expect(html).toMatch(/class="lang" href="\/registro\?q=[^"]*&amp;lang=es&amp;page=2"/);
    // Spanish is the default: no lang in its links unless it was asked for.
    expect(renderRegistryPage(filtered, 'es')).not.toContain('name="lang"');
    expect(renderRegistryPage({ ...filtered, query: { ...filtered.query, lang: 'es' } }, 'es')).toContain(
      '<input type="hidden" name="lang" value="es">',
    );
  });

  it('is a plain GET form that shows the current filters', () => {
    const html = renderRegistryPage(filtered, 'es');
    expect(html).toContain('<form class="search" method="get" action="/registro">');
    expect(html).toContain('name="q" type="search" value="café &amp; &quot;té&quot;"');
    expect(html).toContain('<option value="la-paz" selected>La Paz</option>');
    expect(html).toContain('<option value="potosi">Potosí</option>');
    expect(html).toContain('<option value="cafe" selected>Café</option>');
    expect(html).toContain('<option value="suspended" selected>Suspendido</option>');
    expect(html).toContain('<option value="active">Vigente</option>');
  });

  it('links each entry to its verification page, with its status in words, and offers CSV and JSON', () => {
    const html = renderRegistryPage(
      registryView({
        entries: [
          registryEntry({
            organization: HOSTILE,
            namedUnits: [HOSTILE],
            products: [HOSTILE],
            certificate: { status: 'revoked', producer: HOSTILE },
          }),
        ],
      }),
      'es',
    );
    expect(html).toContain('<a class="url" href="/c/7K3M-9QXA-2F4P">7K3M-9QXA-2F4P</a> <span class="badge status-revoked">Revocado</span>');
    expect(html).toContain('href="/api/v1/public/certificates.csv"');
    expect(html).toContain('href="/api/v1/public/certificates"');
    expect(html).not.toMatch(/<script|"Señor"/);
    expect(html).not.toContain('rel="next"');
  });

  it('says so when nothing matches, and goes back from a page past the end', () => {
    const html = renderRegistryPage(registryView({ query: { q: 'nada', page: 9 }, entries: [], total: 30 }), 'es');
    expect(text(html)).toContain('Ninguna organización coincide con la búsqueda.');
    expect(links(html)).toEqual([['prev', '/registro?q=nada&page=2']]);
    expect(bytes(renderRegistryPage(filtered, 'es'))).toBeLessThan(MAX_BYTES);
  });
});

describe('shared layout', () => {
  const SECTIONS = ['/', '/registro', '/proveedores', '/cifras', '/verificador'];
  /** The sections of the navigation, without the language switch that closes its list. */
  const sectionsOf = (html: string) => /<nav class="sections"[^>]*>([^]*?)<li class="lang-item">/.exec(html)![1]!;
  const navLinks = (html: string) => [...sectionsOf(html).matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));

  it('links the brand to the home page and lists the site sections, in the page language', () => {
    const es = renderVerificationPage(verificationView(), 'es');
    expect(es).toContain('<p class="brand"><a href="/">Sello ES/CJ</a>');
    expect(navLinks(es)).toEqual(SECTIONS);
    expect(text(sectionsOf(es)).trim()).toBe('Inicio Registro Proveedores Cifras Verificar sin señal');
    const en = renderVerificationPage(verificationView(), 'en');
    expect(en).toContain('<p class="brand"><a href="/?lang=en">ES/CJ Seal</a>');
    expect(navLinks(en)).toEqual(SECTIONS.map((path) => `${path}?lang=en`));
  });

  it('marks the section of the page', () => {
    expect(renderRegistryPage(registryView(), 'es')).toContain('<a href="/registro" aria-current="page">Registro</a>');
    expect(renderHomePage({ publicBaseUrl: 'https://sello.example.bo' }, 'es')).toContain('<a href="/" aria-current="page">Inicio</a>');
    expect(renderVerificationPage(verificationView(), 'es')).not.toContain('aria-current="page"');
  });

  it.each(['http://127.0.0.1:3000', 'https://sello.example.bo', 'https://example.org/sello'])(
    'writes the configured address %s, scheme and port included, in the address check and the footer',
    (publicBaseUrl) => {
      const page = text(renderVerificationPage(verificationView({ publicBaseUrl }), 'es'));
      expect(page).toContain(`Verifique que la dirección de esta página sea: ${publicBaseUrl}/c/7K3M-9QXA-2F4P`);
      const html = renderCodeNotFoundPage(notFoundView({ publicBaseUrl }), 'es');
      expect(html).toContain(`Sitio oficial: <a class="url" href="${publicBaseUrl}/">${publicBaseUrl}/</a>`);
      if (publicBaseUrl.startsWith('http:')) expect(page).not.toContain('https://');
    },
  );
});

describe('home page', () => {
  const base = { publicBaseUrl: 'https://sello.example.bo' };

  it('says what the seal is and has a plain GET form for the code printed on a label', () => {
    const html = renderHomePage(base, 'es');
    const page = text(html);
    expect(page).toContain('garantía participativa');
    expect(page).toContain('una comisión de certificación decide');
    expect(html).toContain('<form class="code-form" method="get" action="/verificar">');
    expect(html).toMatch(/<label for="codigo">Código del certificado<\/label>/);
    expect(html).toContain('<input id="codigo" name="codigo" value=""');
    expect(html).not.toContain('aria-invalid');
    expect(html).not.toContain('name="lang"');
    for (const href of ['/registro', '/proveedores', '/cifras', '/verificador']) expect(html).toContain(`<li><a href="${href}">`);
    expect(/<title>([^<]*)<\/title>/.exec(html)?.[1]).toBe('Sello ES/CJ: verifique un certificado');
  });

  it('keeps English through the form and the links', () => {
    const html = renderHomePage(base, 'en');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<input type="hidden" name="lang" value="en">');
    expect(html).toContain('<li><a href="/cifras?lang=en">The seal in figures</a></li>');
    expect(html).toContain('class="lang" href="?lang=es"');
    expect(text(html)).not.toMatch(/Verifique|Código del certificado/);
  });

  it.each([
    ['empty', '', 'Escriba el código que está impreso junto al sello.'],
    ['malformed', 'ABC', 'Esto no es un código del sello'],
    ['bad_check', '7K3M-9QXA-2F4X', 'El código tiene un error de escritura'],
  ] as const)('says what to fix after a %s code, next to the field, with what was typed', (problem, code, message) => {
    const html = renderHomePage({ ...base, code, problem }, 'es');
    expect(text(html)).toContain(message);
    expect(html).toContain(`name="codigo" value="${code}"`);
    expect(html).toContain('aria-describedby="codigo-problem codigo-hint" aria-invalid="true"');
    expect(/<title>([^<]*)<\/title>/.exec(html)?.[1]).toBe('Revise el código: Sello ES/CJ');
    // The language switch tries the same code again.
    expect(html).toContain(`class="lang" href="?codigo=${encodeURIComponent(code)}&amp;lang=en"`);
  });

  it('escapes and clips what was typed', () => {
    const html = renderHomePage({ ...base, code: HOSTILE + 'x'.repeat(1000), problem: 'malformed' }, 'es');
    expect(html).not.toMatch(/<script|"Señor"/);
    expect(bytes(html)).toBeLessThan(MAX_BYTES);
  });
});
