import { defineConfig, devices } from '@playwright/test';
import { ADMIN } from './src/support';

const port = Number(process.env['E2E_PORT'] ?? 4300);

/**
 * Drives the real product: the built API serving the built web app, on a database of its own,
 * in Debian's Chromium (no browser download).
 */
export default defineConfig({
  testDir: './src',
  outputDir: '../../test-results/web-e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined } },
    // The leaders' pages on a 390-pixel-wide phone (issue 6).
    {
      name: 'phone',
      testMatch: /cockpit\.spec\.ts$/,
      use: {
        ...devices['Desktop Chrome'],
        channel: undefined,
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
      },
    },
  ],
  webServer: {
    command: `node apps/web-e2e/serve-for-e2e.mjs`,
    cwd: '../..',
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    // SIGTERM lets serve-for-e2e.mjs stop the API and drop its database (the default is SIGKILL).
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    stdout: 'ignore',
    stderr: 'pipe',
    // The API creates its first admin with this password (no change required), so tests sign in.
    env: { E2E_PORT: String(port), ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password },
  },
});
