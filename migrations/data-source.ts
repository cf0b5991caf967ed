import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migration-list';

/**
 * For the TypeORM CLI (npm run migration:create / migration:run / migration:revert).
 * The app itself runs migrations on start through prepareDatabase().
 */
export default new DataSource({
  type: 'postgres',
  url: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/crm',
  migrations: MIGRATIONS,
});
