// What the phone keeps, in IndexedDB, per person: a shared phone never shows one person's visits
// to another. Stores: "sesion" (who is signed in on this phone), "visitas" (the visit's data from
// the server, the draft, where the sending stands; key "userId|visitId") and "fotos" (resized
// photos, each marked once the server confirmed it). Changing the schema means a new version with
// an upgrade that keeps every record: pending work must survive updates.
import { openDB } from './idb.js';

const NAME = 'sello-visitas';

export async function openStore() {
  if (typeof indexedDB === 'undefined') throw new Error('sin-indexeddb');
  return openDB(NAME, 1, {
    upgrade(db) {
      db.createObjectStore('sesion');
      db.createObjectStore('visitas', { keyPath: 'key' });
      db.createObjectStore('fotos', { keyPath: 'id' }).createIndex('porVisita', 'key');
    },
  });
}

export const visitKey = (userId, visitId) => `${userId}|${visitId}`;

export const currentUser = (db) => db.get('sesion', 'actual');
export const setCurrentUser = (db, user) => db.put('sesion', user, 'actual');
export const forgetCurrentUser = (db) => db.delete('sesion', 'actual');

export const photosOf = (db, key) => db.getAllFromIndex('fotos', 'porVisita', key);

/** A file with the person's visits not yet confirmed by the server, their photos included. */
export async function exportPending(db, userId) {
  const visits = (await db.getAll('visitas')).filter((v) => v.userId === userId && v.state !== 'enviada');
  const out = [];
  for (const v of visits) {
    const photos = [];
    for (const p of await photosOf(db, v.key)) {
      photos.push({ ...p, blob: undefined, dataUrl: p.blob ? await asDataUrl(p.blob) : null });
    }
    out.push({ visit: v, photos });
  }
  return new Blob([JSON.stringify({ sello: 'visitas-pendientes', version: 1, visits: out })], { type: 'application/json' });
}

/** Reads such a file into this phone, for the signed-in person; returns how many visits it held. */
export async function importPending(db, userId, text) {
  const file = JSON.parse(text);
  if (file.sello !== 'visitas-pendientes' || !Array.isArray(file.visits)) throw new Error('archivo');
  for (const { visit, photos } of file.visits) {
    const key = visitKey(userId, visit.visitId);
    const existing = await db.get('visitas', key);
    if (existing && existing.state === 'enviada') continue;
    await db.put('visitas', { ...visit, key, userId });
    for (const p of photos) {
      const blob = p.dataUrl ? await (await fetch(p.dataUrl)).blob() : null;
      await db.put('fotos', { ...p, dataUrl: undefined, key, blob });
    }
  }
  return file.visits.length;
}

const asDataUrl = (blob) =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
