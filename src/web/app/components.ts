/**
 * The reusable pieces of the people's pages. Each is an eta partial in templates/app/components/,
 * used from a page template as `<%~ include('@name', data) %>` with the data type below; the
 * helpers build that data from what routes have (pages, validation issues).
 *
 *   @title       TitleData       page heading and an optional lead sentence
 *   @flash       { flash?: Flash } success or error message (role=status / role=alert)
 *   @field       FieldData       label + input (text, password, date, number…) + hint + error, tied by aria-describedby
 *   @select      SelectData      the same for a <select>
 *   @checks      ChecksData      a group of checkboxes under a legend (or one yes/no box)
 *   @button      ButtonData      a 48px-high button (primary, secondary, danger)
 *   @cards       CardTable       a table on a wide screen, one card per row on a phone
 *   @empty       EmptyData       "nothing here yet", with an optional link to act
 *   @pagination  Pagination      previous / "Página 2 de 5" / next (see `pagination()`)
 *
 * Every value is escaped on output: pass plain text, never HTML. Visible text must not show ids
 * (links may carry them).
 */
import type { FieldIssue } from '../../errors.js';

export type Flash = { kind: 'success' | 'error'; text: string };

export type TitleData = { text: string; lead?: string };

export type FieldData = {
  name: string;
  label: string;
  /** Defaults to `campo-<name>`; give one when a page has the same name twice. */
  id?: string;
  type?: 'text' | 'password' | 'date' | 'time' | 'number' | 'email' | 'tel' | 'search';
  /** Not rendered for passwords: a password is never sent back. */
  value?: string | number | null;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'numeric' | 'decimal' | 'tel' | 'email' | 'text';
  /** For dates: YYYY-MM-DD. */
  min?: string;
  max?: string;
  maxlength?: number;
  autocapitalize?: 'none' | 'sentences' | 'words' | 'characters';
};

export type SelectData = {
  name: string;
  label: string;
  id?: string;
  options: { value: string; label: string }[];
  /** The value selected. */
  value?: string | undefined;
  /** A first, empty option ("Elija…"). */
  placeholder?: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
};

export type ChecksData = {
  name: string;
  legend: string;
  id?: string;
  options: { value: string; label: string }[];
  /** The values checked. */
  values: string[];
  hint?: string;
  error?: string | undefined;
};

export type ButtonData = {
  text: string;
  kind?: 'primary' | 'secondary' | 'danger';
  type?: 'submit' | 'button';
  block?: boolean;
  name?: string;
  value?: string;
};

/** The first column is the card's heading (and the row's link, if `href`). */
export type CardTable = {
  caption: string;
  columns: { key: string; label: string }[];
  rows: { cells: Record<string, string>; href?: string }[];
};

export type EmptyData = { text: string; action?: { href: string; text: string } };

export type Pagination = { page: number; pages: number; previousHref: string | null; nextHref: string | null };

/** Page links for `total` items shown `pageSize` at a time; `href(n)` gives the address of page n. */
export function pagination(page: number, total: number, pageSize: number, href: (page: number) => string): Pagination {
  const pages = Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
  const current = Math.min(Math.max(1, Math.floor(page)), pages);
  return {
    page: current,
    pages,
    previousHref: current > 1 ? href(current - 1) : null,
    nextHref: current < pages ? href(current + 1) : null,
  };
}

/** Field errors by form field name, from validation issues (`body.username` → `username`); the first issue of a field wins. */
export function fieldErrors(issues: readonly FieldIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const name = issue.path.replace(/^body\.?/, '').split('.')[0];
    if (name && !(name in errors)) errors[name] = issue.message;
  }
  return errors;
}
