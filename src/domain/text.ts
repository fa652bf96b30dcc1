/** How text is compared in searches: lowercase and without accents, so "potosi" finds "Potosí". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}
