import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/browserBench/chromiumLaunch';

// The e2e suite tests the production build through `vite preview`; `npm test` builds
// first. Fail here, with the fix in the message, rather than with a blank page later.
// E2E_DIST / E2E_PORT / E2E_ARTIFACTS let two suites run side by side on one machine
// (each builds with `npx vite build --outDir <dir>`); CI uses the defaults.
const DIST = process.env.E2E_DIST ?? 'dist';
const PORT = Number(process.env.E2E_PORT ?? 4173);
const ARTIFACTS = process.env.E2E_ARTIFACTS ?? 'e2e/artifacts';
/** E2E_BENCH's names for the opt-in benches. */
const OPT_IN_BENCHES: Record<string, string> = { 'drop-memory': 'bench/dropMemory.spec.ts', 'time-to-student': 'bench/timeToStudent.spec.ts' };

if (!existsSync(fileURLToPath(new URL(`${DIST}/index.html`, import.meta.url)))) {
  throw new Error(`${DIST}/index.html is missing: run \`npx vite build\` (or \`npm test\`) before \`playwright test\`.`);
}

export default defineConfig({
  testDir: 'e2e',
  // Benches that run for minutes and print figures (the dropped-image memory bench, the
  // browser's time-to-student) are not part of the suite: each runs only when E2E_BENCH names
  // it (docs/performance.md gives the commands).
  testIgnore: Object.entries(OPT_IN_BENCHES).filter(([name]) => name !== process.env.E2E_BENCH).map(([, spec]) => spec),
  outputDir: ARTIFACTS,
  timeout: 60_000,
  // Values are on screen once the worker is ready; only that wait (in e2e/studio.ts) is long.
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1, // 2 cores: parallel browsers would starve each other and skew the timings logged
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    headless: true,
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] },
  },
  webServer: {
    command: `npx vite preview --outDir ${DIST} --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
