/** The photo types a report prints (the others are listed by name); free of PDFKit for the service's process. */
export const PRINTABLE_IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png'];
