import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  // Every table, as the app sees them: src/db/schema.ts re-exports one file per area (src/db/schema/).
  schema: './src/db/schema.ts',
  out: './migrations',
});
