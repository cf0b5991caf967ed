export { createTestUser, signInAs, type SignedInAgent, type TestUserOptions } from './lib/sign-in-as';
export { createTestApp, deleteRedisKeys, type TestApp, type TestAppOptions } from './lib/test-app';
export { createTestDatabase, TEST_SERVER_URL, testRedisPrefix, type TestDatabase } from './lib/test-database';
export { renderToPdf, type RenderedDocument, type RenderedPage } from './lib/render-pdf';
export { unitServingOnly } from './lib/units';
