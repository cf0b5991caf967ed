/**
 * npm run seed:sample — loads the sample pipeline into DATABASE_URL (default: the local crm
 * database): the intended projects named in the 2025 key tasks. Never part of a normal start.
 *   npm run seed:sample -- --synthetic 50000 [--seed 2025]   also writes that many synthetic projects
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migration-list';
import { ensureDatabaseExists, prepareDatabase } from '../prepare-database';
import { loadSamplePipeline } from './sample-pipeline.loader';
import { generateSyntheticProjects } from './sample-synthetic';
import { insertSyntheticProjects } from './sample-synthetic.loader';

function option(name: string): number | null {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isInteger(value) && value >= 0 ? value : null;
}

async function main() {
  const url = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/crm';
  await ensureDatabaseExists(url);
  const dataSource = await new DataSource({ type: 'postgres', url, migrations: MIGRATIONS }).initialize();
  try {
    await prepareDatabase(dataSource);
    const { inserted, skipped, linked } = await loadSamplePipeline(dataSource.manager);
    process.stdout.write(
      `sample pipeline / 示例项目: ${inserted} loaded, ${skipped} already present, ${linked} key-task milestones linked\n`,
    );
    const scale = option('synthetic');
    if (scale) {
      const seed = option('seed') ?? 2025;
      const started = Date.now();
      const count = await insertSyntheticProjects(dataSource.manager, generateSyntheticProjects(scale, seed));
      process.stdout.write(
        `synthetic projects / 合成项目: ${count} written (seed ${seed}) in ${Date.now() - started} ms\n`,
      );
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`seed:sample failed / 示例数据加载失败: ${error.message}\n`);
  process.exit(1);
});
