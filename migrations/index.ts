export { MIGRATIONS } from './migration-list';
export { DEMO_USERS, seedDemoUsers } from './seed/demo-users';
export { REFERENCE_2025 } from './seed/reference-2025.data';
export { checkReferenceSeed, seedReference } from './seed/reference-seed';
export { ensureDatabaseExists, prepareDatabase } from './prepare-database';
