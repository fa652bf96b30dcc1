/** Validation messages are read by people: Spanish first. Imported once by every entry point. */
import { z } from 'zod';

z.config(z.locales.es());
