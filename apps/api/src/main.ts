import { FirstAdmin } from '@crm/api/auth';
import { configureHttpApp, exitAfterGracePeriod, validateEnvironment } from '@crm/api/core';
import { ensureDatabaseExists, prepareDatabase } from '@crm/migrations';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app/app.module';

async function bootstrap() {
  const env = validateEnvironment(process.env);
  if (env.MIGRATE_ON_START === 'true') await ensureDatabaseExists(env.DATABASE_URL);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  configureHttpApp(app);
  app.enableShutdownHooks();
  exitAfterGracePeriod();
  const logger = app.get(Logger);
  if (env.MIGRATE_ON_START === 'true') {
    const { migrations } = await prepareDatabase(app.get(DataSource));
    logger.log(`database ready; migrations applied now: ${migrations.length ? migrations.join(', ') : 'none'}`);
  }
  await app.get(FirstAdmin).ensure();
  await app.listen(env.PORT, process.env['HOST'] ?? '0.0.0.0');
  logger.log(`API listening on http://localhost:${env.PORT}/api (docs: /api/docs)`);
}

bootstrap().catch((error: Error) => {
  // The logger may not exist yet (bad environment, database unreachable): say it plainly.
  process.stderr.write(`API failed to start / API 启动失败:\n${error.message}\n`);
  process.exit(1);
});
