import { Allow } from '@crm/api/core';
import { Controller, Get, Patch, Post, Put, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { QueueDashboard } from './queue-dashboard';

/**
 * /api/admin/queues: Bull Board, for admins. Its routes are Nest routes, so the global AuthGuard
 * applies as everywhere: no session 401, another role 403, a change without the CSRF header 403
 * (the dashboard's own requests send it: axios echoes the XSRF-TOKEN cookie).
 */
@ApiExcludeController()
@Controller('admin/queues')
export class QueueDashboardController {
  constructor(private readonly dashboard: QueueDashboard) {}

  @Allow('admin')
  @Get(['', '*path'])
  read(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.dashboard.handle(req, res);
  }

  @Allow('admin')
  @Put('*path')
  act(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.dashboard.handle(req, res);
  }

  @Allow('admin')
  @Patch('*path')
  edit(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.dashboard.handle(req, res);
  }

  @Allow('admin')
  @Post('*path')
  add(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.dashboard.handle(req, res);
  }
}
