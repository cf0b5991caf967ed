import { JobsModule, QueueName } from '@crm/api/core';
import { Module } from '@nestjs/common';
import { HealthCheckJob } from './health-check.job';
import { HealthController } from './health.controller';

/** GET /api/health, served by the API. */
@Module({ controllers: [HealthController] })
export class HealthModule {}

/** The health-check job, run by the worker. */
@Module({
  imports: [JobsModule.forQueue(QueueName.Health)],
  providers: [HealthCheckJob],
  exports: [JobsModule],
})
export class HealthJobsModule {}
