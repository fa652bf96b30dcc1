// The peer visit page (/app/visitas/:id): prepares the visit on the phone, draws the form from what
// the phone stored (with or without signal), saves the draft, and sends it when there is signal.
// It always says what is only on the phone and what the server already has.
import { resizePhoto } from './photos.js';
import { Refused, sendVisit } from './send.js';
import { currentUser, exportPending, forgetCurrentUser, importPending, openStore, photosOf, setCurrentUser, visitKey } from './store.js';

const ANSWERS = [
  ['cumple', 'Cumple'],
  ['parcial', 'Cumple parcialmente'],
  ['no_cumple', 'No cumple'],
  ['no_aplica', 'No aplica'],
];
const ANSWER_TEXT = Object.fromEntries(ANSWERS);

const root = document.getElementById('visita-app');
const content = document.getElementById('contenido-visita');
const statusLine = document.getElementById('estado');
const alertLine = document.getElementById('aviso');
const visitId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
const serverBlock = document.getElementById('datos-visita');
const fromServer = serverBlock ? JSON.parse(serverBlock.textContent) : null;

const pad = (n) => String(n).padStart(2, '0');
const day = (date) => `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()}`;
const stamp = (iso) => {
  const d = new Date(iso);
  return `${day(d)} a las ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'value') element.value = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

const say = (text) => {
  statusLine.textContent = text;
};
const warn = (text) => {
  alertLine.textContent = text;
  alertLine.hidden = !text;
};

let db;
let user;
let record;

async function start() {
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register(root.dataset.sw, { scope: '/app/' }).catch(() => {
      warn('Este navegador no pudo preparar el uso sin señal. Puede seguir con señal.');
    });
  }
  try {
    db = await openStore();
  } catch {
    warn(
      'Este navegador no deja guardar datos en el teléfono (puede ser una ventana privada o de incógnito). Abra Sello en una ventana normal para trabajar sin señal; aquí nada se guardará.',
    );
    say('No se puede guardar en este teléfono.');
    return;
  }
  const logout = document.querySelector('form.logout');
  // Signing out here also tells the phone that nobody is signed in: the drafts stay, hidden, under their owner.
  if (logout) {
    logout.addEventListener('submit', (event) => {
      event.preventDefault();
      forgetCurrentUser(db).finally(() => logout.submit());
    });
  }
  if (fromServer) {
    user = { userId: fromServer.userId, userName: fromServer.userName };
    await setCurrentUser(db, user);
  } else {
    user = await currentUser(db);
    if (!user) {
      say('No hay nadie con su cuenta abierta en este teléfono. Cuando tenga señal, entre con su usuario y abra la visita.');
      return;
    }
  }
  record = await db.get('visitas', visitKey(user.userId, visitId));
  if (record && fromServer) {
    record.data = fromServer;
    await db.put('visitas', record);
  }
  if (!record && !fromServer) {
    say(`Esta visita no fue preparada en este teléfono para ${user.userName}. Ábrala con señal y toque «Preparar para usar sin señal».`);
    return;
  }
  draw();
}

async function prepare(button) {
  button.disabled = true;
  say('Preparando…');
  const persisted = navigator.storage && navigator.storage.persist ? await navigator.storage.persist().catch(() => false) : false;
  record = {
    key: visitKey(user.userId, visitId),
    userId: user.userId,
    visitId,
    data: fromServer,
    draft: { idempotencyKey: crypto.randomUUID(), answers: {}, present: '', observations: '', visitedOn: today() },
    state: 'borrador',
    savedAt: new Date().toISOString(),
  };
  await db.put('visitas', record);
  if ('serviceWorker' in navigator) {
    await Promise.race([navigator.serviceWorker.ready, new Promise((resolve) => setTimeout(resolve, 10000))]);
  }
  await draw();
  say(
    persisted
      ? 'Listo: esta visita se puede abrir en este teléfono sin señal.'
      : 'Listo: esta visita se puede abrir sin señal. Ojo: el navegador podría borrar lo guardado si le falta espacio; envíe la visita apenas tenga señal.',
  );
}

function facts(data) {
  const rows = [
    ['Productor', data.producer],
    ['Lugar', data.place],
    ['Fecha planificada', data.plannedOnText],
    ['Equipo', data.team.join(', ')],
  ];
  return h('dl', { class: 'facts' }, ...rows.map(([label, value]) => h('div', {}, h('dt', {}, label), h('dd', {}, value))));
}

async function where() {
  if (!record) return 'Todavía no hay nada guardado en este teléfono.';
  const photos = await photosOf(db, record.key);
  const pendingPhotos = photos.filter((p) => !p.uploadedAt).length;
  if (record.state === 'enviada') return `Enviada el ${stamp(record.sentAt)}: el servidor ya tiene las respuestas y ${photos.length} foto(s).`;
  if (record.submittedAt) return `El servidor ya tiene las respuestas. Faltan ${pendingPhotos} foto(s), guardadas solo en este teléfono: toque «Enviar».`;
  if (record.sending) return 'Envío empezado y no confirmado: las respuestas están guardadas en este teléfono. Toque «Enviar» de nuevo cuando tenga señal.';
  return `Guardado solo en este teléfono (${stamp(record.savedAt)}), con ${pendingPhotos} foto(s). Todavía no está en el servidor.`;
}

async function draw() {
  const data = record ? record.data : fromServer;
  const heading = `${data.unannounced ? 'Visita sin aviso' : 'Visita'} a ${data.producer}`;
  document.getElementById('titulo').textContent = heading;
  document.title = `${heading} · Sello ES/CJ`;
  const place = h('p', { id: 'donde', class: 'where' }, await where());
  content.replaceChildren(facts(data), place);
  if (!record) {
    if (data.status === 'cancelled') return say('Esta visita fue cancelada: no se registran sus respuestas.');
    if (data.status !== 'planned') return say('Esta visita ya fue registrada.');
    content.append(
      h('p', {}, 'Antes de ir a la visita, con señal, guarde la visita en este teléfono.'),
      h('button', { type: 'button', class: 'btn btn-block', onclick: (e) => prepare(e.currentTarget) }, 'Preparar para usar sin señal'),
    );
    return say('La visita todavía no está guardada en este teléfono.');
  }
  say(`Guardada en este teléfono a nombre de ${user.userName}.`);
  const sent = record.state === 'enviada';
  const locked = sent || Boolean(record.sending);
  const form = h('form', { class: 'form visit-form', id: 'formulario', onsubmit: (e) => e.preventDefault(), onchange: () => save(false) });
  form.append(
    h('div', { class: 'field' }, h('label', { for: 'fecha' }, 'Fecha de la visita'), h('input', { id: 'fecha', type: 'date', name: 'visitedOn', value: record.draft.visitedOn, max: today(), disabled: locked })),
    h('div', { class: 'field' }, h('label', { for: 'presentes' }, 'Quiénes estuvieron presentes'), h('span', { class: 'hint', id: 'presentes-ayuda' }, 'Un nombre por línea.'), h('textarea', { id: 'presentes', name: 'present', rows: '3', 'aria-describedby': 'presentes-ayuda', disabled: locked }, record.draft.present)),
  );
  const photos = await photosOf(db, record.key);
  for (const c of data.criteria) form.append(criterionBlock(c, photos, locked));
  form.append(h('div', { class: 'field' }, h('label', { for: 'observaciones' }, 'Observaciones generales'), h('textarea', { id: 'observaciones', name: 'observations', rows: '4', disabled: locked }, record.draft.observations)));
  if (!sent) {
    form.append(
      h('button', { type: 'button', class: 'btn btn-block', disabled: locked, onclick: () => save(true) }, 'Guardar'),
      h('button', { type: 'button', class: 'btn btn-secondary btn-block', onclick: send }, 'Enviar'),
    );
  }
  content.append(form, backup());
}

function criterionBlock(c, photos, locked) {
  const answer = record.draft.answers[c.code] || {};
  const before = record.data.previous && record.data.previous.answers.find((a) => a.criterionCode === c.code);
  const id = c.code.replace(/\W/g, '-');
  const mine = photos.filter((p) => p.criterionCode === c.code);
  return h(
    'fieldset',
    { class: 'criterion', id: `criterio-${id}` },
    h('legend', {}, `${c.code} · ${c.text}`),
    h('p', { class: 'hint' }, c.level),
    c.verification ? h('details', {}, h('summary', {}, 'Cómo verificarlo'), h('p', {}, c.verification)) : null,
    before ? h('p', { class: 'hint' }, `En la visita anterior (${record.data.previous.visitedOnText}): ${ANSWER_TEXT[before.value]}`) : null,
    h('div', { class: 'answers' }, ...ANSWERS.map(([value, label]) =>
      h('label', { class: 'answer' }, h('input', { type: 'radio', name: `respuesta-${c.code}`, value, checked: answer.value === value, disabled: locked }), ` ${label}`),
    )),
    h('div', { class: 'field' }, h('label', { for: `notas-${id}` }, `Notas sobre ${c.code}`), h('textarea', { id: `notas-${id}`, name: `notas-${c.code}`, rows: '2', disabled: locked }, answer.notes || '')),
    mine.length > 0 ? h('ul', { class: 'photos' }, ...mine.map((p, i) => h('li', {}, `Foto ${i + 1}: ${p.uploadedAt ? 'ya está en el servidor' : 'guardada solo en este teléfono'}`))) : null,
    locked ? null : h('div', { class: 'field' }, h('label', { for: `foto-${id}` }, `Tomar o adjuntar foto para ${c.code}`), h('input', { id: `foto-${id}`, type: 'file', accept: 'image/*', capture: 'environment', 'data-code': c.code, onchange: addPhoto })),
  );
}

function readForm() {
  const form = document.getElementById('formulario');
  if (!form || record.sending || record.state === 'enviada') return;
  const value = (name) => form.elements.namedItem(name).value;
  record.draft.visitedOn = value('visitedOn');
  record.draft.present = value('present');
  record.draft.observations = value('observations');
  for (const c of record.data.criteria) {
    const chosen = form.querySelector(`input[name="respuesta-${c.code}"]:checked`);
    record.draft.answers[c.code] = { value: chosen ? chosen.value : undefined, notes: value(`notas-${c.code}`).trim() };
  }
}

async function save(loud) {
  readForm();
  record.savedAt = new Date().toISOString();
  await db.put('visitas', record);
  document.getElementById('donde').textContent = await where();
  if (loud) say(`Guardado en este teléfono (${stamp(record.savedAt)}).`);
}

async function addPhoto(event) {
  const input = event.currentTarget;
  const file = input.files && input.files[0];
  if (!file) return;
  say('Preparando la foto…');
  try {
    const blob = await resizePhoto(file);
    await save(false);
    await db.put('fotos', { id: crypto.randomUUID(), key: record.key, criterionCode: input.dataset.code, blob, uploadedAt: null });
    await draw();
    say(`Foto guardada en este teléfono (${Math.round(blob.size / 1024)} KB).`);
  } catch {
    warn('No se pudo leer esa foto. Intente con otra.');
  }
}

async function send() {
  warn('');
  if (!record.sending) {
    await save(false);
    const missing = record.data.criteria.filter((c) => !(record.draft.answers[c.code] || {}).value).map((c) => c.code);
    if (missing.length > 0) return warn(`Falta responder: ${missing.join(', ')}. Lo demás queda guardado en este teléfono.`);
    if (!record.draft.present.trim()) return warn('Escriba quiénes estuvieron presentes.');
  }
  try {
    await sendVisit(db, record, say);
    await draw();
    say('Enviada: el servidor confirmó las respuestas y las fotos.');
  } catch (error) {
    await draw();
    if (error instanceof Refused) warn(`${error.message}. Sus respuestas siguen guardadas en este teléfono.`);
    else warn('No hay conexión con el servidor. Todo sigue guardado en este teléfono; toque «Enviar» de nuevo cuando tenga señal.');
    say(await where());
  }
}

function backup() {
  const download = async () => {
    const blob = await exportPending(db, user.userId);
    const link = h('a', { href: URL.createObjectURL(blob), download: `visitas-pendientes-${today()}.json` });
    document.body.append(link);
    link.click();
    link.remove();
  };
  const load = async (event) => {
    const file = event.currentTarget.files[0];
    if (!file) return;
    try {
      const count = await importPending(db, user.userId, await file.text());
      record = await db.get('visitas', visitKey(user.userId, visitId));
      if (record) await draw();
      say(`Se cargaron ${count} visita(s) del archivo en este teléfono.`);
    } catch {
      warn('Ese archivo no es una copia de visitas de Sello.');
    }
  };
  return h(
    'section',
    { class: 'backup', 'aria-labelledby': 'copia' },
    h('h2', { id: 'copia' }, 'Copia de seguridad'),
    h('p', {}, 'Si va a borrar los datos del navegador o cambiar de teléfono, descargue antes un archivo con sus visitas sin enviar.'),
    h('button', { type: 'button', class: 'btn btn-secondary btn-block', onclick: download }, 'Descargar visitas sin enviar'),
    h('div', { class: 'field' }, h('label', { for: 'importar' }, 'Cargar un archivo de visitas'), h('input', { id: 'importar', type: 'file', accept: 'application/json,.json', onchange: load })),
  );
}

start().catch(() => warn('Algo falló al abrir la visita en este teléfono. Lo guardado no se borró; recargue la página.'));
