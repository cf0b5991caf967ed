import { HttpException, HttpStatus } from '@nestjs/common';
import type { Job, JobsOptions, Queue } from 'bullmq';

/** How long a request waits for Redis to take a job before it stops waiting. */
export const ENQUEUE_TIMEOUT_MS = 1000;

/** Seconds a caller is told to wait (Retry-After) when the job queue is unavailable. */
export const QUEUE_RETRY_AFTER_SECONDS = 30;

/** Redis did not take the job in time (down, restarting or frozen). */
export class QueueUnavailableError extends Error {
  constructor(queue: string) {
    super(`the ${queue} queue did not answer within ${ENQUEUE_TIMEOUT_MS} ms`);
    this.name = 'QueueUnavailableError';
  }
}

/**
 * Runs `work` against the queue's Redis for a request: fails within `ms` with QueueUnavailableError
 * instead of waiting for Redis (BullMQ's producer connection keeps commands until Redis is back,
 * which held requests for about a minute). A connection that is not ready fails at once, without
 * leaving the command queued; a frozen Redis times out.
 */
export async function withinQueue<T>(queue: Queue, work: () => Promise<T>, ms = ENQUEUE_TIMEOUT_MS): Promise<T> {
  const unavailable = new QueueUnavailableError(queue.name);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unavailable), ms);
  });
  try {
    const client = await Promise.race([queue.getBackend().client, timeout]);
    if (client.status !== 'ready') throw unavailable;
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * queue.add for a request, within `ms` (withinQueue). Callers pass a job id, so an add that still
 * lands after a timeout is the same job, not a second one.
 */
export function addJobWithin<Data>(
  queue: Queue<Data>,
  name: string,
  data: Data,
  opts: JobsOptions,
  ms = ENQUEUE_TIMEOUT_MS,
): Promise<Job<Data>> {
  // Queue<Data>'s add is typed by name/data generics that a plain string name does not narrow.
  const add = queue.add.bind(queue) as unknown as (n: string, d: Data, o: JobsOptions) => Promise<Job<Data>>;
  return withinQueue(queue as unknown as Queue, () => add(name, data, opts), ms);
}

/**
 * 503 for a request whose job could not be queued; the controller sets Retry-After
 * (QUEUE_RETRY_AFTER_SECONDS). Nothing was changed.
 */
export function queueUnavailable(): HttpException {
  return new HttpException(
    {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      message: `后台任务暂不可用，请 ${QUEUE_RETRY_AFTER_SECONDS} 秒后重试 / The job queue is unavailable; try again in ${QUEUE_RETRY_AFTER_SECONDS} seconds`,
    },
    HttpStatus.SERVICE_UNAVAILABLE,
  );
}
