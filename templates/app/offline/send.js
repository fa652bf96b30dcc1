// Sending a visit: first its answers (once, under the idempotency key made with the draft), then
// each photo not yet confirmed. Every confirmation is written to the phone before the next step,
// so a retry after an interruption resends only what the server has not confirmed; the server
// recognises a resent submission and a photo it already has. A refusal keeps everything.
import { photosOf } from './store.js';

/** A refusal from the server, with its Spanish message. */
export class Refused extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function refusal(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // No readable body: a generic sentence below.
  }
  const issues = Array.isArray(body && body.issues) ? body.issues.map((i) => i.message).filter(Boolean) : [];
  const message = (body && body.message) || `El servidor no aceptó el envío (error ${response.status}).`;
  return new Refused(response.status, issues.length > 0 ? `${message}: ${issues.slice(0, 5).join('; ')}` : message);
}

/** The body sent for the visit, made once when sending starts and resent as is. */
export function submissionOf(record) {
  const { draft, data } = record;
  return {
    idempotencyKey: draft.idempotencyKey,
    answers: data.criteria.map((c) => {
      const a = draft.answers[c.code] || {};
      return a.notes ? { criterionCode: c.code, value: a.value, notes: a.notes } : { criterionCode: c.code, value: a.value };
    }),
    present: draft.present
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    ...(draft.observations.trim() ? { observations: draft.observations.trim() } : {}),
    ...(draft.visitedOn ? { visitedOn: draft.visitedOn } : {}),
  };
}

/** Sends what the server has not confirmed yet; `progress(text)` says each step. */
export async function sendVisit(db, record, progress) {
  if (!record.submittedAt) {
    if (!record.sending) {
      record.sending = submissionOf(record);
      record.state = 'enviando';
      await db.put('visitas', record);
    }
    progress('Enviando las respuestas…');
    const response = await fetch(`/api/v1/visits/${record.visitId}/submission`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(record.sending),
      credentials: 'same-origin',
    });
    if (!response.ok) {
      const refused = await refusal(response);
      // Nothing was recorded: the answers can be changed again before the next try.
      if (response.status >= 400 && response.status < 500) {
        record.sending = null;
        record.state = 'borrador';
      }
      record.error = refused.message;
      await db.put('visitas', record);
      throw refused;
    }
    record.submittedAt = new Date().toISOString();
    record.error = null;
    await db.put('visitas', record);
  }
  const photos = (await photosOf(db, record.key)).filter((p) => !p.uploadedAt);
  let done = 0;
  for (const photo of photos) {
    progress(`Enviando foto ${done + 1} de ${photos.length}…`);
    const form = new FormData();
    form.append('visitId', record.visitId);
    form.append('criterionCode', photo.criterionCode);
    form.append('file', photo.blob, 'foto.jpg');
    const response = await fetch(`/api/v1/dossiers/${record.data.dossierId}/evidence`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
    });
    if (!response.ok) {
      const refused = await refusal(response);
      record.error = refused.message;
      await db.put('visitas', record);
      throw refused;
    }
    // Confirmed: keep a small note of it, not the photo.
    await db.put('fotos', { ...photo, blob: null, uploadedAt: new Date().toISOString() });
    done += 1;
  }
  record.state = 'enviada';
  record.sentAt = new Date().toISOString();
  record.error = null;
  await db.put('visitas', record);
}
