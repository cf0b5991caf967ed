import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { appConfig, authConfig, databaseConfig, redisConfig } from './config/app.config';
import { ClockModule } from './clock/clock.module';
import { validateEnvironment } from './config/environment';
import { DatabaseModule } from './database/database.module';
import { LoggingModule } from './logging/logging.module';
import { NotificationWriterModule } from './notifications/notification.writer';
import { RedisModule } from './redis/redis.module';

/** Platform for every process: validated config, the one clock, structured logs, PostgreSQL, Redis, the notification writer. */
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      envFilePath: '.env',
      validate: (raw) => ({ ...raw, ...validateEnvironment(raw) }),
      load: [appConfig, authConfig, databaseConfig, redisConfig],
    }),
    LoggingModule,
    ClockModule,
    DatabaseModule,
    RedisModule,
    NotificationWriterModule,
  ],
})
export class CoreModule {}
