export { MIGRATIONS } from './migration-list';
export { REFERENCE_2025 } from './seed/reference-2025.data';
export { checkReferenceSeed, seedReference } from './seed/reference-seed';
export { ensureDatabaseExists, prepareDatabase } from './prepare-database';
