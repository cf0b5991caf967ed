export { HEALTH_CHECK_JOB, HealthCheckJob, type HealthCheckJobData } from './lib/health-check.job';
export { HealthJobsModule, HealthModule } from './lib/health.module';
