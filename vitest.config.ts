import { defineConfig } from 'vitest/config';

// One project per kind of test, so each can run alone (npm run test:unit, test:http, test:browser).
export default defineConfig({
  test: {
    pool: 'forks',
    // Generous: a loaded two-core machine must not turn slow into failed (rendering PDFs, building a full cycle).
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: ['unit', 'http', 'browser'].map((name) => ({
      extends: true as const,
      test: { name, include: [`test/${name}/**/*.test.ts`] },
    })),
  },
});
