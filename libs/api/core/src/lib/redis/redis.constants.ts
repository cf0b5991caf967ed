/** Injection token of the process's shared ioredis connection. */
export const REDIS = Symbol('REDIS');

/** Key written by the worker's health-check job, read by GET /api/health. */
export const WORKER_HEARTBEAT_KEY = 'worker:heartbeat';

/** A heartbeat older than this (the health check runs every minute) means the worker is not taking jobs. */
export const WORKER_HEARTBEAT_MAX_AGE_MS = 5 * 60_000;
