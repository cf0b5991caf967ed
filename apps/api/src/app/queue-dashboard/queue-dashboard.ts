import { API_PREFIX, QueueName } from '@crm/api/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Where the dashboard is served. */
export const QUEUE_DASHBOARD_PATH = `/${API_PREFIX}/admin/queues`;

/**
 * Bull Board over every queue of the app (QueueName): waiting, active, delayed, failed and
 * completed jobs, the job schedulers, retries. Its Express router is never mounted on the app:
 * QueueDashboardController hands it the requests the AuthGuard has let through (admins only).
 */
@Injectable()
export class QueueDashboard implements OnModuleInit {
  private router!: RequestHandler & { disable(setting: string): unknown };

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    const adapter = new ExpressAdapter();
    adapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: this.queueNames().map(
        (name) => new BullMQAdapter(this.moduleRef.get<Queue>(getQueueToken(name), { strict: false })),
      ),
      serverAdapter: adapter,
      options: { uiConfig: { boardTitle: '任务队列 / Job queues' } },
    });
    this.router = adapter.getRouter();
    this.router.disable('x-powered-by');
  }

  queueNames(): QueueName[] {
    return Object.values(QueueName);
  }

  /**
   * Runs the dashboard's router on a request under QUEUE_DASHBOARD_PATH, as if it were mounted
   * there; resolves once the response is sent. A path the dashboard does not serve is a 404.
   */
  handle(req: Request, res: Response): Promise<void> {
    const rest = req.originalUrl.slice(QUEUE_DASHBOARD_PATH.length);
    const saved = { url: req.url, request: Object.getPrototypeOf(req), response: Object.getPrototypeOf(res) };
    return new Promise<void>((resolve, reject) => {
      res.once('finish', () => resolve());
      res.once('close', () => resolve());
      req.url = rest.startsWith('/') ? rest : `/${rest}`;
      const next: NextFunction = (error?: unknown) => {
        // The sub-app set its own prototypes on req and res: give them back to the main app.
        req.url = saved.url;
        Object.setPrototypeOf(req, saved.request);
        Object.setPrototypeOf(res, saved.response);
        reject(error ?? new NotFoundException('没有这个页面 / Not found'));
      };
      this.router(req, res, next);
    });
  }
}
