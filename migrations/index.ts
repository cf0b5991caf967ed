export { MIGRATIONS } from './migration-list';
export { DEMO_USERS, seedDemoUsers } from './seed/demo-users';
export { REFERENCE_2025 } from './seed/reference-2025.data';
export { checkReferenceSeed, seedReference } from './seed/reference-seed';
export { ensureDatabaseExists, prepareDatabase } from './prepare-database';
export { INVESTOR_NOT_NAMED, SAMPLE_PIPELINE_2025, SAMPLE_STAGE, type SampleProject } from './seed/sample-pipeline.data';
export { ensureSampleUser, loadSamplePipeline, SAMPLE_OWNER_USERNAME } from './seed/sample-pipeline.loader';
export { generateSyntheticProjects, SYNTHETIC_AS_OF, type SyntheticData } from './seed/sample-synthetic';
export { insertSyntheticProjects } from './seed/sample-synthetic.loader';
