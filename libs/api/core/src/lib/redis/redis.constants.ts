/** Injection token of the process's shared ioredis connection. */
export const REDIS = Symbol('REDIS');

/** Key written by the worker's health-check job, read by GET /api/health. */
export const WORKER_HEARTBEAT_KEY = 'worker:heartbeat';
