import { NotificationWriter, type NewNotification } from '@crm/api/core';
import type { NotificationKind, NotificationListView, NotificationView } from '@crm/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { updatedRows } from '../common/errors';

/**
 * 站内通知: stored per user, with an unread count. Written through the one NotificationWriter of
 * @crm/api/core (in the caller's transaction), as every other area writes them.
 */
@Injectable()
export class NotificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: NotificationWriter,
  ) {}

  /** One notification to each user, in the caller's transaction; returns how many were stored. */
  async notify(manager: EntityManager, userIds: string[], n: NewNotification): Promise<number> {
    return (await this.writer.notify(manager, userIds, n)).length;
  }

  async list(userId: string, limit = 50): Promise<NotificationListView> {
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT id, kind, title, body, link, created_at, read_at FROM notification
       WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [userId, limit],
    );
    return { items: rows.map(toView), unread: await this.unreadCount(userId) };
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return row.n;
  }

  /** Marks one of the user's notifications read; false when it is not theirs or does not exist. */
  async markRead(
    userId: string,
    id: string,
    at: Date,
  ): Promise<NotificationView | null> {
    const rows = updatedRows<NotificationRow>(
      await this.dataSource.query(
        `UPDATE notification SET read_at = coalesce(read_at, $3) WHERE id = $1 AND user_id = $2
         RETURNING id, kind, title, body, link, created_at, read_at`,
        [id, userId, at],
      ),
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  async markAllRead(userId: string, at: Date): Promise<number> {
    const rows = updatedRows(
      await this.dataSource.query(
        `UPDATE notification SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL RETURNING id`,
        [userId, at],
      ),
    );
    return rows.length;
  }
}

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

function toView(r: NotificationRow): NotificationView {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at ? r.read_at.toISOString() : null,
  };
}
