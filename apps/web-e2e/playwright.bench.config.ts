import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * `npm run bench:phone`: the phone budget test of the suite (issue 19 §2) alone, to read its
 * figures (each run's times, transfer and largest files; BUDGET_TIMELINE=1 prints every request).
 */
export default defineConfig({
  ...base,
  testMatch: /phone-budget\.spec\.ts$/,
  // The spec runs under the 'desktop' project and sets its own phone emulation.
  projects: [{ name: 'desktop' }],
});
