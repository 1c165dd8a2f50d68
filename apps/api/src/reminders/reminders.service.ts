import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { systemScope } from '@api/common/access';
import { Clock } from '@api/common/clock';
import { APP_CONFIG, type AppConfig } from '@api/config';
import { NotificationsService } from '@api/notifications';
import { Recipient, RemindersRepository } from './reminders.repository';

export interface ReminderRunResult {
  ran: boolean;
  notifications: number;
  emails: number;
  details: { kind: string; key: string; recipients: number }[];
}

const DAY = 24 * 3600 * 1000;
const fmt = (d: Date) => {
  const vn = new Date(d.getTime() + 7 * 3600 * 1000);
  return `${String(vn.getUTCDate()).padStart(2, '0')}/${String(vn.getUTCMonth() + 1).padStart(2, '0')}/${vn.getUTCFullYear()}`;
};

/**
 * Reminders: assignments and remedial learning falling due, test rounds opening, report deadlines per target. In-app always (with a dedupe
 * key, so running twice notifies once), by e-mail too when SMTP_URL is set.
 *
 * Scheduling: a plain interval in each API instance plus a transaction-scoped advisory lock, rather than pg-boss.
 * The job is idempotent by construction (dedupe keys), runs in well under a second, and needs no retries or queues;
 * the lock only keeps two instances from working at the same moment. pg-boss would add its own schema, a worker and
 * a maintenance loop for no gain here.
 */
@Injectable()
export class RemindersService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reminders');
  private timer: NodeJS.Timeout | null = null;
  private mailer: Transporter | null;

  constructor(
    private readonly db: DataSource,
    private readonly repo: RemindersRepository,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.mailer = config.smtp.url ? createTransport(config.smtp.url) : null;
  }

  onApplicationBootstrap(): void {
    const minutes = this.config.remindersIntervalMinutes;
    // Tests call run() themselves; REMINDERS_INTERVAL_MINUTES=0 turns the schedule off, and so does API_ROLE=web.
    if (!this.config.scheduledJobs || !(minutes > 0)) return;
    const tick = () => this.run().catch((e) => this.logger.error(`reminders failed: ${(e as Error).message}`));
    setTimeout(tick, 60_000).unref();
    this.timer = setInterval(tick, minutes * 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Reminds these people now (an officer's "nhắc những người này"), at most once per dedupe key: in the app, and by
   * e-mail when SMTP_URL is set and they have an address. The caller puts the day in the key to remind once a day.
   */
  async remindNow(recipients: Recipient[], message: { kind: string; key: string; title: string; body: string; link: string }): Promise<{ notified: number; already: number; emails: number }> {
    const userIds = [...new Set(recipients.map((r) => r.userId))];
    // Who is notified now is what the insert reports: two officers pressing "nhắc" at once remind each person once.
    const fresh = await this.notifications.notifyUsers(userIds, { kind: message.kind, title: message.title, body: message.body, link: message.link, dedupeKey: message.key });
    let emails = 0;
    if (this.mailer) {
      for (const r of recipients) {
        if (!fresh.has(r.userId) || !r.email) continue;
        try {
          await this.mailer.sendMail({ from: this.config.smtp.from, to: r.email, subject: message.title, text: message.body });
          emails++;
        } catch (e) {
          this.logger.warn(`e-mail to ${r.email} failed: ${(e as Error).message}`);
        }
      }
    }
    return { notified: fresh.size, already: userIds.length - fresh.size, emails };
  }

  async run(): Promise<ReminderRunResult> {
    const emails: { to: string; subject: string; text: string }[] = [];
    const result = await this.db.transaction(async (tx) => {
      const out: ReminderRunResult = { ran: true, notifications: 0, emails: 0, details: [] };
      if (!(await this.repo.tryLock(tx))) return { ...out, ran: false };
      const now = this.clock.now();
      // The daily job runs on nobody's behalf and reminds everyone it concerns.
      const everyone = systemScope();
      const send = async (kind: string, key: string, recipients: Recipient[], title: string, body: string, link: string) => {
        const fresh = await this.repo.notYetNotified([...new Set(recipients.map((r) => r.userId))], key, tx);
        if (!fresh.size) return;
        await this.notifications.notifyUsers([...fresh], { kind, title, body, link, dedupeKey: key }, tx);
        out.notifications += fresh.size;
        out.details.push({ kind, key, recipients: fresh.size });
        for (const r of recipients) if (fresh.has(r.userId) && r.email) emails.push({ to: r.email, subject: title, text: body });
      };

      for (const a of await this.repo.assignmentsDue(everyone, now, 7, tx))
        await send('assignment_due', `assignment-due:${a.key}`, [{ userId: a.userId, email: a.email }], `Sắp đến hạn hoàn thành: ${a.title}`, `Hạn hoàn thành khóa học "${a.title}" là ngày ${fmt(new Date(a.due))}.`, '/learning/my');

      for (const a of await this.repo.remedialDue(everyone, now, 3, tx)) {
        const [y, m, d] = a.due.split('-');
        await send('remedial_due', `remedial-due:${a.key}`, [{ userId: a.userId, email: a.email }], `Sắp đến hạn ôn tập: ${a.roundName}`,
          `Hạn hoàn thành nội dung ôn tập sau kỳ kiểm tra "${a.roundName}" là ngày ${d}/${m}/${y}. Học xong, bạn được làm bài kiểm tra lại một lần.`, `/tests/${a.roundId}/result`);
      }

      const rounds = await this.repo.roundsOpening(now, 3, tx);
      if (rounds.length) {
        const learners = await this.repo.learners(everyone, tx);
        for (const r of rounds)
          await send('test_round_opening', `round-opens:${r.id}`, learners, `Kỳ kiểm tra "${r.name}" mở ngày ${fmt(new Date(r.opensAt))}`,
            `Kỳ kiểm tra "${r.name}" mở từ ${fmt(new Date(r.opensAt))} đến ${fmt(new Date(r.closesAt))}. Hãy sắp xếp thời gian làm bài.`, '/');
      }

      const year = new Date(now.getTime() + 7 * 3600 * 1000).getUTCFullYear();
      const officers = await this.repo.byRole(everyone, 'unit_officer', tx);
      const coordinators = await this.repo.byRole(everyone, 'coordinator', tx);
      for (const t of await this.repo.targetsWithDeadlines(tx)) {
        if (year < t.startYear || year > t.endYear) continue;
        for (const [due, who, audience] of [[t.unitDue, 'unit', officers], [t.provinceDue, 'province', coordinators]] as const) {
          if (!due) continue;
          const [m, d] = due.split('-').map(Number);
          // The end of the due day in Vietnam (24:00 UTC+7 = 17:00 UTC); remind during the last 14 days.
          const left = Date.UTC(year, m - 1, d, 17) - now.getTime();
          if (left < 0 || left > 14 * DAY) continue;
          const text = who === 'unit'
            ? `Các đơn vị gửi báo cáo kết quả thực hiện chỉ tiêu "${t.name}" năm ${year} về Sở Nội vụ trước ngày ${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${year}.`
            : `Sở Nội vụ tổng hợp, báo cáo UBND tỉnh kết quả thực hiện chỉ tiêu "${t.name}" năm ${year} trước ngày ${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${year}.`;
          await send('report_due', `report-due:${who}:${t.code}:${year}`, audience, `Hạn báo cáo năm ${year}: ${t.name}`, text, '/reports');
        }
      }
      return out;
    });
    if (this.mailer && emails.length) {
      for (const m of emails) {
        try {
          await this.mailer.sendMail({ from: this.config.smtp.from, ...m });
          result.emails++;
        } catch (e) {
          this.logger.warn(`e-mail to ${m.to} failed: ${(e as Error).message}`);
        }
      }
    }
    return result;
  }
}
