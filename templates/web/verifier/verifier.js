// The verifier that works with no signal (/verificador): keeps the latest signed status list and the
// public keys in IndexedDB (database sello-verificador), checks the list's Ed25519 signature with
// WebCrypto before using it, and answers a typed or scanned code from it, saying the date of the list.
// Without a usable list (or without WebCrypto's Ed25519) the form goes to the online check instead.
import { openDB } from './idb.js';
import { codeFromScan, parseCertificateCode } from './code.js';

const LIST_URL = '/api/v1/public/status-list';
const KEYS_URL = '/.well-known/jwks.json';
const LIST_TYPE = 'sello-lista-estados+jws';
const LIST_FORMAT = 'sello-lista-estados/1';
const SERVICE_WORKER = '/verificador-sw.js';

const $ = (id) => document.getElementById(id);
const texts = new Map([...$('textos').content.querySelectorAll('[data-k]')].map((el) => [el.dataset.k, el.textContent.trim()]));
const t = (key, params = {}) => (texts.get(key) ?? key).replace(/\{(\w+)\}/g, (_all, name) => String(params[name] ?? ''));

const lang = document.documentElement.lang || 'es';
const ZONE = 'America/La_Paz';
const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: ZONE });
const dayFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
const when = (iso) => t('boliviaTime', { time: dateTime.format(new Date(iso)) });
const dayText = (ymd) => dayFormat.format(new Date(`${ymd}T00:00:00Z`));
/** Today in Bolivia, YYYY-MM-DD. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());

const form = $('verificar');
const input = $('codigo');
const result = $('resultado');
const listState = $('lista');
const notice = $('aviso');
const refreshButton = $('actualizar');

/** The list in use: its payload and its entries by code. */
let current = null;
/** False once the browser has shown it cannot verify Ed25519 signatures. */
let canVerify = Boolean(globalThis.crypto && crypto.subtle);

const openStore = () =>
  openDB('sello-verificador', 1, {
    upgrade(db) {
      db.createObjectStore('datos');
    },
  });

function bytesOf(base64url) {
  const binary = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
const textOf = (base64url) => new TextDecoder().decode(bytesOf(base64url));

class ListError extends Error {}

/** The list's payload if its signature verifies with one of `jwks`'s keys; throws ListError otherwise. */
async function verifiedPayload(jws, jwks) {
  const [head, body, signature, extra] = jws.trim().split('.');
  if (!head || !body || !signature || extra !== undefined) throw new ListError('badSignature');
  let header;
  try {
    header = JSON.parse(textOf(head));
  } catch {
    throw new ListError('badSignature');
  }
  if (header.alg !== 'EdDSA' || header.typ !== LIST_TYPE) throw new ListError('badSignature');
  const jwk = (jwks?.keys ?? []).find((k) => k.kid === header.kid);
  if (!jwk) throw new ListError('badSignature');
  let key;
  try {
    key = await crypto.subtle.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, { name: 'Ed25519' }, false, ['verify']);
  } catch {
    throw new ListError('noCrypto');
  }
  const valid = await crypto.subtle.verify({ name: 'Ed25519' }, key, bytesOf(signature), new TextEncoder().encode(`${head}.${body}`));
  if (!valid) throw new ListError('badSignature');
  const payload = JSON.parse(textOf(body));
  if (payload.format !== LIST_FORMAT || !Array.isArray(payload.certificates)) throw new ListError('badSignature');
  return payload;
}

function use(payload) {
  current = { payload, byCode: new Map(payload.certificates.map((entry) => [entry[0], entry])) };
  showListState();
}

function showListState() {
  if (!canVerify) {
    // Outside a secure context (plain http to another machine) browsers offer neither WebCrypto nor service workers.
    listState.textContent = t(window.isSecureContext ? 'noCrypto' : 'insecure');
    return;
  }
  if (!current) {
    listState.textContent = t('noList');
    return;
  }
  const { payload } = current;
  const stale = Date.now() > Date.parse(payload.nextUpdate);
  listState.textContent = t('listSaved', { date: when(payload.producedAt), count: payload.certificates.length.toLocaleString(lang) });
  if (stale) listState.append(' ', t('listStale', { date: when(payload.nextUpdate) }));
}

const say = (key, params) => (notice.textContent = t(key, params));

async function loadSaved() {
  if (!canVerify) return;
  try {
    const db = await openStore();
    const [saved, keys] = await Promise.all([db.get('datos', 'lista'), db.get('datos', 'claves')]);
    if (saved && keys) use(await verifiedPayload(saved.jws, keys));
  } catch (error) {
    if (error instanceof ListError && error.message === 'noCrypto') canVerify = false;
  }
  showListState();
}

let refreshing = null;
let refreshAgain = false;

/**
 * One refresh at a time: one asked for while another runs (the connection coming back, then the button)
 * runs after it, so the last answer shown is about the newest list.
 */
function refresh() {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      refreshAgain = false;
      await refreshOnce();
    } while (refreshAgain);
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** Asks for a newer list (and the keys) when there is a connection; keeps the saved one otherwise. */
async function refreshOnce() {
  if (!canVerify) return;
  if (!navigator.onLine) return say('offline');
  say('updating');
  try {
    const db = await openStore();
    const saved = current ? await db.get('datos', 'lista') : undefined;
    const [keysResponse, listResponse] = await Promise.all([
      fetch(KEYS_URL, { cache: 'no-store' }),
      fetch(LIST_URL, { cache: 'no-store', headers: saved?.etag ? { 'if-none-match': saved.etag } : {} }),
    ]);
    if (!keysResponse.ok) throw new Error(String(keysResponse.status));
    const keys = await keysResponse.json();
    if (listResponse.status === 304) {
      await db.put('datos', keys, 'claves');
      return say('unchanged');
    }
    if (!listResponse.ok) throw new Error(String(listResponse.status));
    const jws = await listResponse.text();
    const payload = await verifiedPayload(jws, keys);
    await db.put('datos', { jws, etag: listResponse.headers.get('etag') }, 'lista');
    await db.put('datos', keys, 'claves');
    use(payload);
    say('updated');
  } catch (error) {
    if (error instanceof ListError) {
      if (error.message === 'noCrypto') {
        canVerify = false;
        showListState();
        notice.textContent = '';
        return;
      }
      return say('badSignature');
    }
    say(navigator.onLine ? 'updateFailed' : 'offline');
  }
}

function onlineLink(code) {
  const link = document.createElement('a');
  link.href = `/c/${encodeURIComponent(code)}`;
  link.textContent = t('checkOnline');
  const p = document.createElement('p');
  p.append(link);
  return p;
}

function show(kind, word, lines, extra = []) {
  result.replaceChildren();
  const box = document.createElement('section');
  box.className = `status status-${kind}`;
  const heading = document.createElement('h2');
  heading.className = 'word';
  heading.textContent = word;
  heading.tabIndex = -1;
  box.append(heading);
  for (const line of lines) {
    const p = document.createElement('p');
    p.textContent = line;
    box.append(p);
  }
  result.append(box, ...extra);
  heading.focus();
}

function facts(rows) {
  const dl = document.createElement('dl');
  dl.className = 'facts';
  for (const [label, value] of rows) {
    const div = document.createElement('div');
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value;
    div.append(dt, dd);
    dl.append(div);
  }
  return dl;
}

/** Answers from the list; false when there is no list to answer from (the form then goes online). */
function check(typed) {
  if (!canVerify || !current) return false;
  const parsed = parseCertificateCode(typed);
  if (!parsed.ok) {
    show('typo', t('typoWord'), [t(parsed.reason === 'bad_check' ? 'mistyped' : 'malformed')]);
    return true;
  }
  const { payload, byCode } = current;
  const asOf = t('asOf', { date: when(payload.producedAt) });
  const stale = Date.now() > Date.parse(payload.nextUpdate) ? [t('listStale', { date: when(payload.nextUpdate) })] : [];
  const entry = byCode.get(parsed.code);
  if (!entry) {
    show('unknown', t('unknownWord'), [asOf, t('unknown', { code: parsed.code }), ...stale], [onlineLink(parsed.code)]);
    return true;
  }
  const [code, statusNumber, expiresOn, holderNumber, productsNumber] = entry;
  let status = payload.statuses[statusNumber];
  // Expiry needs no list: past its last day a certificate the list still calls valid has expired.
  if ((status === 'active' || status === 'suspended') && expiresOn < today()) status = 'expired';
  const [organization, unit] = payload.holders[holderNumber] ?? ['', null];
  const rows = [[t('code'), code], [t('organization'), organization]];
  if (unit) rows.push([t('unit'), unit]);
  rows.push([t('products'), (payload.productLists[productsNumber] ?? []).join(', ')], [t('expiresOn'), dayText(expiresOn)]);
  show(status, t(`status.${status}`), [asOf, ...stale], [facts(rows), onlineLink(code)]);
  return true;
}

form.addEventListener('submit', (event) => {
  if (check(input.value)) {
    event.preventDefault();
  } else if (!navigator.onLine) {
    // No list to answer from and no signal to ask: say so instead of a browser error page.
    event.preventDefault();
    const why = !canVerify ? (window.isSecureContext ? 'noCrypto' : 'insecure') : 'noList';
    show('unconfirmed', t('noAnswerWord'), [t(why)]);
  }
});

/** Scanning a QR where the browser can read one (BarcodeDetector): the QR holds the /c/<code> address. */
function setUpScanner() {
  const start = $('leer-qr');
  const stop = $('dejar-qr');
  const video = $('camara');
  if (!('BarcodeDetector' in window) || !navigator.mediaDevices) return;
  start.hidden = false;
  let stream = null;
  let timer = 0;
  const end = () => {
    clearTimeout(timer);
    stream?.getTracks().forEach((track) => track.stop());
    stream = null;
    video.hidden = true;
    stop.hidden = true;
    start.hidden = false;
  };
  start.addEventListener('click', async () => {
    try {
      const detector = new BarcodeDetector({ formats: ['qr_code'] });
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      video.srcObject = stream;
      video.hidden = false;
      stop.hidden = false;
      start.hidden = true;
      await video.play();
      const look = async () => {
        if (!stream) return;
        const [found] = await detector.detect(video).catch(() => []);
        if (!found) {
          timer = setTimeout(look, 250);
          return;
        }
        end();
        input.value = codeFromScan(found.rawValue);
        if (!check(input.value)) form.requestSubmit();
      };
      look();
    } catch {
      end();
      say('cameraFailed');
    }
  });
  stop.addEventListener('click', end);
}

refreshButton.hidden = false;
refreshButton.addEventListener('click', refresh);
window.addEventListener('online', refresh);
setUpScanner();
if ('serviceWorker' in navigator) navigator.serviceWorker.register(SERVICE_WORKER, { scope: '/verificador' }).catch(() => {});
loadSaved().then(refresh);
