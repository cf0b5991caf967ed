import type { NotificationKind } from '@crm/domain';
import { Global, Inject, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../clock/clock';

/** One in-app notification (站内通知), as every area writes it. */
export interface NewNotification {
  kind: NotificationKind;
  /** Cut to the column's 200 characters with "…" when longer. */
  title: string;
  body: string;
  link?: string | null;
}

const TITLE_MAX = 200;

/**
 * The one writer of the notification table (read by the reporting area's bell and delivery job).
 * It writes in the caller's transaction (`manager`), so a reminder claimed by a unique key and the
 * notifications it sends commit or roll back together; created_at is the injected clock's now.
 */
@Injectable()
export class NotificationWriter {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  /** One notification to each user (none for an empty list); their ids, in the order of `userIds`. */
  async notify(manager: EntityManager, userIds: readonly string[], n: NewNotification): Promise<string[]> {
    if (!userIds.length) return [];
    const title = n.title.length > TITLE_MAX ? `${n.title.slice(0, TITLE_MAX - 1)}…` : n.title;
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO notification (user_id, kind, title, body, link, created_at)
       SELECT u.id, $2, $3, $4, $5, $6 FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, n)
       ORDER BY u.n RETURNING id`,
      [userIds, n.kind, title, n.body, n.link ?? null, this.clock.now()],
    );
    return rows.map((r) => r.id);
  }
}

/** Provides the NotificationWriter to every module (part of CoreModule). */
@Global()
@Module({ providers: [NotificationWriter], exports: [NotificationWriter] })
export class NotificationWriterModule {}
