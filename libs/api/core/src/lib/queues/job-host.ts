import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';

/**
 * Base of every job class: a WorkerHost that reports a lost Redis connection once per outage
 * instead of printing an error per retry.
 */
export abstract class JobHost extends WorkerHost {
  private redisDown = false;
  protected readonly jobLogger = new Logger(this.constructor.name);

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    if (this.redisDown) return;
    this.redisDown = true;
    this.jobLogger.warn(`worker lost Redis (${error.message}); jobs wait until it is back / 等待 Redis 恢复`);
  }

  @OnWorkerEvent('ready')
  onWorkerReady(): void {
    if (this.redisDown) this.jobLogger.log('worker reconnected to Redis / 已重新连接 Redis');
    this.redisDown = false;
  }
}

/** Reports a queue's lost connection once per outage (queues used to enqueue or schedule). */
export function quietQueueErrors(queue: { on(event: 'error', listener: (error: Error) => void): unknown }, name: string): void {
  const logger = new Logger(`Queue:${name}`);
  let last = 0;
  queue.on('error', (error: Error) => {
    if (Date.now() - last > 60_000) logger.warn(`queue ${name} cannot reach Redis: ${error.message}`);
    last = Date.now();
  });
}
