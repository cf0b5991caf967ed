import type { MigrationInterface } from 'typeorm';
import { ReferenceSchema1764300000000 } from './1764300000000-reference-schema';

/** Every migration in order; listed by hand so the bundled API and worker carry them. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [ReferenceSchema1764300000000];
