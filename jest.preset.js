const nxPreset = require('@nx/jest/preset').default;

// Integration tests hash passwords (argon2) and boot apps on real databases: allow them time.
// Component tests render pages without the shell, which is what loads the pages' Chinese texts in
// the app (each feature's route loads its parts): they start with every text (libs/web/core i18n).
const path = require('node:path');
const completeTexts = path.join(__dirname, 'libs/web/core/src/lib/i18n/zh-CN-initial.complete.ts');

module.exports = {
  ...nxPreset,
  testTimeout: 30000,
  moduleNameMapper: { ...(nxPreset.moduleNameMapper ?? {}), '^\\./zh-CN-initial$': completeTexts },
};
