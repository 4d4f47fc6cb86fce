import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The e2e suite tests the production build through `vite preview`; `npm test` builds
// first. Fail here, with the fix in the message, rather than with a blank page later.
if (!existsSync(fileURLToPath(new URL('dist/index.html', import.meta.url)))) {
  throw new Error('dist/index.html is missing: run `npx vite build` (or `npm test`) before `playwright test`.');
}

const PORT = 4173;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'e2e/artifacts',
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
    launchOptions: {
      // Debian's Chromium: nothing is downloaded (set PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // No GPU here: WebGPU comes from SwiftShader, which Chromium hides unless told.
        '--enable-unsafe-webgpu',
        '--enable-unsafe-swiftshader',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
