/** How the public pages write dates, times, lists and hashes for people. */
import type { Locale } from './locale.js';

/** Bolivia keeps UTC-4 all year (no daylight saving since 1932), so a fixed offset is exact. */
const BOLIVIA_OFFSET_MS = -4 * 60 * 60 * 1000;

const INTL_LOCALE: Record<Locale, string> = { es: 'es-BO', en: 'en-GB' };

const dateFormats = new Map<Locale, Intl.DateTimeFormat>();
function dateFormat(locale: Locale): Intl.DateTimeFormat {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format;
}

/** A calendar day (YYYY-MM-DD) in words: "12 de marzo de 2026". Unreadable input is shown as given. */
export function formatDay(day: string, locale: Locale): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00Z`) : new Date(Number.NaN);
  return Number.isNaN(date.getTime()) ? day : dateFormat(locale).format(date);
}

function inBolivia(instant: string): Date | undefined {
  const time = Date.parse(instant);
  return Number.isNaN(time) ? undefined : new Date(time + BOLIVIA_OFFSET_MS);
}

/** The day in Bolivia of an ISO instant, in words. */
export function formatBoliviaDay(instant: string, locale: Locale): string {
  const local = inBolivia(instant);
  return local ? dateFormat(locale).format(local) : instant;
}

/** The time of day in Bolivia of an ISO instant, 24-hour: "14:05". */
export function formatBoliviaTime(instant: string): string {
  const local = inBolivia(instant);
  if (!local) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** Cuts free text that would make the page heavy; the full text stays in the JSON version. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The first `max` items, each clipped, and how many were left out. */
export function firstItems(items: readonly string[], max: number, maxChars: number): { shown: string[]; more: number } {
  return { shown: items.slice(0, max).map((item) => clip(item, maxChars)), more: Math.max(0, items.length - max) };
}

/** "sha256:9f86d081884c7d65…" → "9f86d081884c": enough to compare by eye. */
export function shortHash(hash: string): string {
  return hash.replace(/^[a-z0-9-]+:/i, '').slice(0, 12);
}
