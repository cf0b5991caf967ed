import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { redisConfig, type RedisConfig } from '../config/app.config';
import { redisOptions } from '../redis/redis-connection';

/** BullMQ's shared connection settings; BullMQ wants maxRetriesPerRequest null on its workers. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [redisConfig.KEY],
      useFactory: (config: RedisConfig) => ({
        connection: redisOptions(config.url, { maxRetriesPerRequest: null }),
        prefix: `${config.prefix}:bull`,
      }),
    }),
  ],
})
export class QueueModule {}
