import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { NotificationDto, NotificationListDto } from '@cchc/shared';

export interface NotificationMessage {
  kind: string;
  title: string;
  body?: string | null;
  link?: string | null;
  /** Same key for the same user is stored once: scheduled reminders may run twice. */
  dedupeKey?: string | null;
}

/** In-app notifications. Other domains call notifyUsers/notifyPeople, inside their own transaction when they have one. */
@Injectable()
export class NotificationsService {
  constructor(private readonly db: DataSource) {}

  /**
   * Notifies these users; returns those actually notified now. With a dedupe key, a user who already has that
   * notification is skipped, also when two requests race (the unique index decides, the second waits and skips).
   */
  async notifyUsers(userIds: string[], message: NotificationMessage, manager: EntityManager = this.db.manager): Promise<Set<string>> {
    if (!userIds.length) return new Set();
    const rows: { user_id: string }[] = await manager.query(
      `INSERT INTO notification (user_id, kind, title, body, link, dedupe_key)
       SELECT u, $2, $3, $4, $5, $6 FROM unnest($1::uuid[]) AS u
       ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING user_id`,
      [[...new Set(userIds)], message.kind, message.title, message.body ?? null, message.link ?? null, message.dedupeKey ?? null],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  /** People without a user account have nobody to notify in the app; they are skipped. */
  async notifyPeople(personIds: string[], message: NotificationMessage, manager: EntityManager = this.db.manager): Promise<void> {
    if (!personIds.length) return;
    const rows: { id: string }[] = await manager.query(`SELECT id FROM user_account WHERE person_id = ANY($1::uuid[]) AND NOT disabled`, [personIds]);
    await this.notifyUsers(rows.map((r) => r.id), message, manager);
  }

  async list(userId: string, unreadOnly: boolean, limit: number): Promise<NotificationListDto> {
    const items = await this.db.query(
      `SELECT id, kind, title, body, link, created_at, read_at FROM notification
        WHERE user_id = $1 ${unreadOnly ? 'AND read_at IS NULL' : ''} ORDER BY created_at DESC, id DESC LIMIT $2`,
      [userId, limit],
    );
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND read_at IS NULL`, [userId]);
    return {
      unread: n,
      items: items.map(
        (r: Record<string, unknown>): NotificationDto => ({
          id: String(r.id),
          kind: r.kind as string,
          title: r.title as string,
          body: (r.body as string) ?? null,
          link: (r.link as string) ?? null,
          createdAt: (r.created_at as Date).toISOString(),
          readAt: r.read_at ? (r.read_at as Date).toISOString() : null,
        }),
      ),
    };
  }

  /** Only the owner's own notifications are touched; another user's id silently matches nothing. */
  async markRead(userId: string, id: string | null): Promise<void> {
    if (id === null) await this.db.query(`UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, [userId]);
    else await this.db.query(`UPDATE notification SET read_at = now() WHERE user_id = $1 AND id = $2 AND read_at IS NULL`, [userId, id]);
  }
}
