/** Helpers for the people's pages over HTTP: sign in through the real form, read pages as a browser would send. */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { expect } from 'vitest';
import type { TestUser } from './auth.js';

export const SAME_ORIGIN = { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' };

/** A form body as a browser sends it. */
export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

export const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded', ...SAME_ORIGIN };

export function postForm(app: FastifyInstance, url: string, fields: Record<string, string>, headers: InjectOptions['headers'] = {}) {
  return app.inject({ method: 'POST', url, payload: form(fields), headers: { ...FORM_HEADERS, ...headers } });
}

/** A form with repeated fields (checkbox groups), as a browser sends it. */
export function postFields(app: FastifyInstance, url: string, fields: [string, string][], headers: InjectOptions['headers'] = {}) {
  return app.inject({ method: 'POST', url, payload: new URLSearchParams(fields).toString(), headers: { ...FORM_HEADERS, ...headers } });
}

/** Signs in at /entrar and returns the cookie header that carries the session. */
export async function signIn(app: FastifyInstance, user: TestUser): Promise<string> {
  const res = await postForm(app, '/entrar', { username: user.user.username, password: user.password });
  expect(res.statusCode, res.body).toBe(303);
  const cookie = res.cookies.find((c) => c.name === 'sello_sesion');
  expect(cookie?.value).toBeTruthy();
  return `sello_sesion=${cookie!.value}`;
}

export const getPage = (app: FastifyInstance, url: string, cookie?: string) =>
  app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

/** The text a person reads: tags and attributes removed, entities of eta's escaping decoded, spaces collapsed. */
export function visibleText(html: string): string {
  return html
    .replace(/<(style|script)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
