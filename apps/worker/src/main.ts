import { exitAfterGracePeriod, validateEnvironment } from '@crm/api/core';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './app/worker.module';

/** The worker process: BullMQ processors and schedules, no HTTP. */
async function bootstrap() {
  validateEnvironment(process.env);
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  exitAfterGracePeriod();
  app.get(Logger).log('worker started');
}

bootstrap().catch((error: Error) => {
  process.stderr.write(`worker failed to start / 后台任务进程启动失败:\n${error.message}\n`);
  process.exit(1);
});
