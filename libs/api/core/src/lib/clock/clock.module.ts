import { systemClock, type Clock } from '@crm/domain';
import { Global, Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config/app.config';
import { CLOCK, clockStartingAt } from './clock';

/** Provides the one CLOCK to every module: the system's, or a set one (CLOCK_START_AT, not in production). */
@Global()
@Module({
  providers: [
    {
      provide: CLOCK,
      inject: [ConfigService],
      useFactory: (config: ConfigService): Clock => {
        const startAt = config.getOrThrow<AppConfig>('app').clockStartAt;
        if (!startAt) return systemClock;
        new Logger('Clock').warn(`The clock is set: it started at ${startAt} (CLOCK_START_AT); not for production.`);
        return clockStartingAt(new Date(startAt));
      },
    },
  ],
  exports: [CLOCK],
})
export class ClockModule {}
