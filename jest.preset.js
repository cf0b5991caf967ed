const nxPreset = require('@nx/jest/preset').default;

// Integration tests hash passwords (argon2) and boot apps on real databases: allow them time.
module.exports = { ...nxPreset, testTimeout: 30000 };
