import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { appConfig, authConfig, databaseConfig, redisConfig } from './config/app.config';
import { validateEnvironment } from './config/environment';
import { DatabaseModule } from './database/database.module';
import { LoggingModule } from './logging/logging.module';
import { RedisModule } from './redis/redis.module';

/** Platform for every process: validated config, structured logs, PostgreSQL, Redis. */
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      envFilePath: '.env',
      validate: (raw) => ({ ...raw, ...validateEnvironment(raw) }),
      load: [appConfig, authConfig, databaseConfig, redisConfig],
    }),
    LoggingModule,
    DatabaseModule,
    RedisModule,
  ],
})
export class CoreModule {}
