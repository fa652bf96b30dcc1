import { defineConfig } from 'vitest/config';

// One project per kind of test, so each can run alone (npm run test:unit, test:http, test:browser).
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 15_000,
    projects: ['unit', 'http', 'browser'].map((name) => ({
      extends: true as const,
      test: { name, include: [`test/${name}/**/*.test.ts`] },
    })),
  },
});
