/**
 * An organisation's contact for buyers (a municipality's purchasing officer, a shop): who to call and
 * how. Published on the suppliers' page only when the organisation agreed (`contactPublic`).
 */

/** Digits a phone number may have: a Bolivian landline has 7 (8 with the area code), a mobile 8; with +591, 11. */
const PHONE_DIGITS = { min: 7, max: 15 } as const;

/** Only digits, spaces, «+» at the start, hyphens, dots and parentheses, as people write a number. */
const PHONE_SHAPE = /^\+?[\d\s().-]+$/;

export const PHONE_MESSAGE = 'Escriba un teléfono de 7 a 15 dígitos, por ejemplo 71234567 o +591 2 2123456';
export const EMAIL_MESSAGE = 'Escriba un correo como nombre@ejemplo.org';
export const CONTACT_WAY_MESSAGE = 'Para publicar el contacto indique un teléfono o un correo';

/** Whether `text` reads as a phone number (see PHONE_DIGITS, PHONE_SHAPE). */
export function isPhoneNumber(text: string): boolean {
  if (!PHONE_SHAPE.test(text)) return false;
  const digits = text.replace(/\D/g, '').length;
  return digits >= PHONE_DIGITS.min && digits <= PHONE_DIGITS.max;
}

/** A phone number stored one way: runs of spaces collapsed, nothing else changed (people recognise their own writing). */
export const tidyPhone = (text: string): string => text.replace(/\s+/g, ' ').trim();

export type OrganizationContact = {
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  contactPublic: boolean;
};

/** A contact agreed to be published must say how to reach it. */
export const contactIsReachable = (c: OrganizationContact): boolean =>
  !c.contactPublic || c.contactPhone !== null || c.contactEmail !== null;

/** What the public may see of an organisation's contact: nothing unless it agreed. */
export function publicContact(c: OrganizationContact): { name: string | null; phone: string | null; email: string | null } | null {
  if (!c.contactPublic || (c.contactPhone === null && c.contactEmail === null)) return null;
  return { name: c.contactName, phone: c.contactPhone, email: c.contactEmail };
}
