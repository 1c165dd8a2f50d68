import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ForwardDeadLetterDto, ForwardEndpointDto } from '@cchc/shared';
import { AuditAction, AuditService } from '@api/audit';
import type { AuthUser } from '@api/common/auth';
import { APP_CONFIG, type AppConfig } from '@api/config';
import { CreateForwardEndpointRequest, UpdateForwardEndpointRequest } from './dto/forward-endpoint.dto';
import { ForwardEndpointRow, ForwardingRepository, OutgoingStatement } from './forwarding.repository';
import { forwardEndpointNotFound, forwardUnitNotFound } from './xapi.exception';

/** Statements per POST to the other LRS. */
const BATCH = 50;
/** A backlog is counted up to this many (the status page says "more than"). */
const BACKLOG_CAP = 10_000;
/** Delivery keeps going for an endpoint at most this long per run, then yields to the others. */
const RUN_BUDGET_MS = 50_000;

/** Wait after the n-th consecutive failure: 30 s, 1, 2, 4 … minutes, at most an hour. An outage never drops data. */
export function forwardBackoffSeconds(failures: number): number {
  return Math.min(30 * 2 ** Math.max(0, failures - 1), 3600);
}

/** How one delivery went: the other LRS took it, refused this statement (4xx), or is unavailable (retry later). */
type Delivery = { ok: true } | { ok: false; refused: true; error: string } | { ok: false; refused: false; error: string };

/**
 * Forwards statements of the built-in LRS to external LRSs (the Ministry's platform): each endpoint reads the
 * statement log from its cursor in batches, the cursor moves only after the other LRS acknowledged, a failure waits
 * with exponential backoff and keeps the place, and a statement the other LRS refuses goes to the dead letters with
 * its error ("gửi lại" sends it again). Idempotent by statement id: a batch sent twice (a node died after sending,
 * before moving the cursor) is accepted again by the other LRS without a second copy.
 */
@Injectable()
export class ForwardingService {
  private readonly log = new Logger('LrsForwarding');
  private readonly timeoutMs: number;

  constructor(
    private readonly repo: ForwardingRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.timeoutMs = config.lrsForwardTimeoutMs;
  }

  async list(): Promise<ForwardEndpointDto[]> {
    const rows = await this.repo.list();
    return Promise.all(rows.map((r) => this.toDto(r)));
  }

  async create(actor: AuthUser, req: CreateForwardEndpointRequest): Promise<ForwardEndpointDto> {
    if (req.unitId && !(await this.repo.unitExists(req.unitId))) throw forwardUnitNotFound();
    const id = await this.repo.insert({
      name: req.name,
      url: endpointBase(req.url),
      key: req.key,
      secret: req.secret,
      xapiVersion: req.xapiVersion ?? '1.0.3',
      verbs: req.verbs ?? [],
      unitId: req.unitId ?? null,
      createdBy: actor.id,
    });
    await this.audit.record(actor, { action: AuditAction.Create, entityType: 'lrs_forward_endpoint', entityId: id, summary: `Thêm nơi chuyển tiếp xAPI "${req.name}" (${endpointBase(req.url)})` });
    return this.toDto((await this.repo.find(id))!);
  }

  async update(actor: AuthUser, id: string, req: UpdateForwardEndpointRequest): Promise<ForwardEndpointDto> {
    if (req.unitId && !(await this.repo.unitExists(req.unitId))) throw forwardUnitNotFound();
    const ok = await this.repo.update(id, { ...req, url: req.url === undefined ? undefined : endpointBase(req.url) });
    if (!ok) throw forwardEndpointNotFound();
    const what = req.active === false ? 'Tạm dừng' : req.active === true ? 'Bật lại' : 'Sửa';
    await this.audit.record(actor, { action: AuditAction.Update, entityType: 'lrs_forward_endpoint', entityId: id, summary: `${what} nơi chuyển tiếp xAPI` });
    return this.toDto((await this.repo.find(id))!);
  }

  async deadLetters(id: string, page: number, pageSize: number): Promise<{ items: ForwardDeadLetterDto[]; total: number; page: number; pageSize: number }> {
    if (!(await this.repo.find(id))) throw forwardEndpointNotFound();
    const { rows, total } = await this.repo.deadLetters(id, pageSize, (page - 1) * pageSize);
    return {
      items: rows.map((r) => ({ statementId: r.statementId, verb: r.verb, error: r.error, attempts: r.attempts, failedAt: r.failedAt.toISOString(), retryRequested: r.retryRequested })),
      total,
      page,
      pageSize,
    };
  }

  /** "Gửi lại": the dead letters named (or all) go out with the next delivery. */
  async retry(actor: AuthUser, id: string, statementIds: string[] | undefined): Promise<{ requested: number }> {
    if (!(await this.repo.find(id))) throw forwardEndpointNotFound();
    const requested = await this.repo.requestRetry(id, statementIds?.length ? statementIds : null);
    await this.audit.record(actor, { action: AuditAction.Update, entityType: 'lrs_forward_endpoint', entityId: id, summary: `Gửi lại ${requested} câu lệnh xAPI bị từ chối` });
    return { requested };
  }

  /** One delivery run over every due endpoint (the job calls it every minute; tests call it directly). */
  async drain(): Promise<{ sent: number; deadLettered: number; failedEndpoints: number }> {
    const total = { sent: 0, deadLettered: 0, failedEndpoints: 0 };
    for (const id of await this.repo.leaseDue()) {
      try {
        const r = await this.drainEndpoint(id);
        total.sent += r.sent;
        total.deadLettered += r.deadLettered;
        if (r.failed) total.failedEndpoints++;
      } finally {
        await this.repo.releaseLease(id);
      }
    }
    return total;
  }

  private async drainEndpoint(id: string): Promise<{ sent: number; deadLettered: number; failed: boolean }> {
    const endpoint = (await this.repo.find(id))!;
    const out = { sent: 0, deadLettered: 0, failed: false };
    const fail = async (error: string) => {
      out.failed = true;
      const failures = (await this.repo.failures(id)) + 1;
      await this.repo.failed(id, error, forwardBackoffSeconds(failures));
      this.log.warn(`"${endpoint.name}": ${error} (lần ${failures}, thử lại sau ${forwardBackoffSeconds(failures)} giây)`);
    };
    // Dead letters someone asked to send again come first.
    const retries = await this.repo.retries(id, BATCH * 4);
    const resolved: string[] = [];
    for (const s of retries) {
      const d = await this.sendOne(endpoint, s);
      if (d.ok) resolved.push(s.id);
      else if (d.refused) await this.repo.deadLetter(id, s.id, d.error);
      else {
        await this.repo.resolved(id, resolved);
        await fail(d.error);
        return out;
      }
    }
    await this.repo.resolved(id, resolved);
    out.sent += resolved.length;

    const started = Date.now();
    while (Date.now() - started < RUN_BUDGET_MS) {
      const batch = await this.repo.nextBatch(id, BATCH);
      if (!batch.length) break;
      const d = await this.send(endpoint, 'POST', 'statements', batch.map((s) => outgoing(s.statement)));
      if (d.ok) {
        await this.repo.acknowledge(id, batch[batch.length - 1], batch.length);
        out.sent += batch.length;
      } else if (!d.refused) {
        await fail(d.error);
        return out;
      } else {
        // The batch was refused: find which statements, one by one; the others go through.
        for (const s of batch) {
          const one = await this.sendOne(endpoint, s);
          if (!one.ok && !one.refused) {
            await fail(one.error);
            return out;
          }
          if (one.ok) out.sent++;
          else {
            await this.repo.deadLetter(id, s.id, one.error);
            out.deadLettered++;
          }
          await this.repo.acknowledge(id, s, one.ok ? 1 : 0);
        }
      }
      await this.repo.renewLease(id);
    }
    return out;
  }

  private sendOne(endpoint: ForwardEndpointRow, s: OutgoingStatement): Promise<Delivery> {
    return this.send(endpoint, 'PUT', `statements?statementId=${encodeURIComponent(s.id)}`, outgoing(s.statement));
  }

  private async send(endpoint: ForwardEndpointRow, method: 'POST' | 'PUT', path: string, body: unknown): Promise<Delivery> {
    let res: Response;
    try {
      res = await fetch(`${endpoint.url}${path}`, {
        method,
        headers: {
          Authorization: `Basic ${Buffer.from(`${endpoint.key}:${endpoint.secret}`).toString('base64')}`,
          'X-Experience-API-Version': endpoint.xapiVersion,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const timedOut = (e as Error).name === 'TimeoutError';
      return { ok: false, refused: false, error: timedOut ? `Không có trả lời sau ${this.timeoutMs / 1000} giây` : `Không kết nối được: ${(e as Error).cause ?? (e as Error).message}` };
    }
    const text = (await res.text().catch(() => '')).slice(0, 300);
    if (res.ok) return { ok: true };
    const error = `HTTP ${res.status}${text ? `: ${text}` : ''}`;
    // Wrong credentials or an overloaded LRS are the endpoint's problem, not the statement's: keep it and retry.
    if (res.status >= 500 || res.status === 401 || res.status === 403 || res.status === 408 || res.status === 429) return { ok: false, refused: false, error };
    return { ok: false, refused: true, error };
  }

  private async toDto(r: ForwardEndpointRow): Promise<ForwardEndpointDto> {
    const queued = await this.repo.backlog(r.id, BACKLOG_CAP);
    return {
      id: r.id,
      name: r.name,
      url: r.url,
      key: r.key,
      xapiVersion: r.xapiVersion,
      verbs: r.verbs,
      unit: r.unitId ? { id: r.unitId, name: r.unitName ?? '' } : null,
      active: r.active,
      createdAt: r.createdAt.toISOString(),
      status: {
        queued,
        queuedCapped: queued >= BACKLOG_CAP,
        sent: Number(r.sentCount),
        failed: r.deadLetters,
        failures: r.failures,
        lastError: r.lastError,
        lastErrorAt: r.lastErrorAt?.toISOString() ?? null,
        lastSentAt: r.lastSentAt?.toISOString() ?? null,
        nextAttemptAt: r.nextAttemptAt.toISOString(),
      },
    };
  }
}

/** The statements resource lives under the endpoint: "https://lrs.example/xapi" and ".../xapi/" are the same. */
function endpointBase(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** What the other LRS receives: the statement without `stored`, which each LRS sets itself. */
function outgoing(statement: Record<string, unknown>): Record<string, unknown> {
  const { stored: _stored, ...rest } = statement;
  return rest;
}
