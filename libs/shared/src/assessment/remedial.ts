/**
 * Remedial learning after a low test result: the lessons and documents to re-study (from the question links of the
 * topics scored under the round's threshold), a due date on the Vietnam calendar, and one re-test once everything is
 * done. Pure rules; the API stores and the pages show them.
 */

const VN_OFFSET_MS = 7 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type RemedialStatus = 'open' | 'closed';
export type RemedialItemKind = 'lesson' | 'document';

/** The Vietnam calendar date (YYYY-MM-DD) of an instant (UTC+7, no daylight saving). */
export function vietnamDate(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The due date: `days` calendar days after the Vietnam date of `at`. */
export function remedialDueDate(at: Date, days: number): string {
  if (!Number.isInteger(days) || days < 1) throw new RangeError('days must be a positive integer');
  return new Date(Date.parse(`${vietnamDate(at)}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The first instant after a Vietnam calendar date (its 24:00 in UTC+7). */
export function endOfVietnamDay(date: string): Date {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1) - VN_OFFSET_MS);
}

/** Past its due date (the whole due day counts) with items still to do. */
export function remedialOverdue(a: { status: RemedialStatus; dueDate: string; itemsDone: number; itemsTotal: number }, now: Date): boolean {
  return a.status === 'open' && a.itemsDone < a.itemsTotal && now >= endOfVietnamDay(a.dueDate);
}

export interface RetestFacts {
  status: RemedialStatus;
  itemsDone: number;
  itemsTotal: number;
  /** The extra attempt was already started. */
  retestUsed: boolean;
  dueDate: string;
  round: { opensAt: Date; closesAt: Date; archived: boolean };
}

export type RetestRefusal = 'closed' | 'items_pending' | 'used' | 'not_open_yet' | 'window_passed';

export type RetestAvailability = { available: true; windowEnd: Date } | { available: false; reason: RetestRefusal };

/**
 * The one extra attempt beyond the round's allowance: once every item is done, while the round is open or, after it
 * closed, until the end of the remedial due date (whichever is later). An attempt started then must end by windowEnd.
 */
export function retestAvailability(f: RetestFacts, now: Date): RetestAvailability {
  if (f.status !== 'open' || f.round.archived) return { available: false, reason: 'closed' };
  if (f.retestUsed) return { available: false, reason: 'used' };
  if (f.itemsDone < f.itemsTotal) return { available: false, reason: 'items_pending' };
  if (now < f.round.opensAt) return { available: false, reason: 'not_open_yet' };
  const dueEnd = endOfVietnamDay(f.dueDate);
  const windowEnd = dueEnd > f.round.closesAt ? dueEnd : f.round.closesAt;
  if (now >= windowEnd) return { available: false, reason: 'window_passed' };
  return { available: true, windowEnd };
}

/** The server-owned deadline of an attempt: the time limit, cut at the end of its window. */
export function attemptDeadline(now: Date, timeLimitMinutes: number, windowEnd: Date): Date {
  return new Date(Math.min(now.getTime() + timeLimitMinutes * 60_000, windowEnd.getTime()));
}

export interface RemedialItemPlan {
  kind: RemedialItemKind;
  refId: string;
  topicId: string;
}

/** The items of an assignment from per-topic recommendations: each lesson or document once (first topic wins). */
export function remedialItems(recs: { topicId: string; lessonIds: string[]; documentIds: string[] }[]): RemedialItemPlan[] {
  const seen = new Set<string>();
  const out: RemedialItemPlan[] = [];
  for (const r of recs) {
    for (const [kind, ids] of [['lesson', r.lessonIds], ['document', r.documentIds]] as const) {
      for (const refId of ids) {
        if (seen.has(`${kind}:${refId}`)) continue;
        seen.add(`${kind}:${refId}`);
        out.push({ kind, refId, topicId: r.topicId });
      }
    }
  }
  return out;
}

export interface RemedialItemDto {
  kind: RemedialItemKind;
  refId: string;
  topicId: string;
  title: string | null;
  done: boolean;
}

export interface RemedialAssignmentDto {
  id: string;
  roundId: string;
  roundName: string;
  status: RemedialStatus;
  dueDate: string;
  overdue: boolean;
  createdAt: string;
  itemsDone: number;
  itemsTotal: number;
  items: RemedialItemDto[];
  retestAvailable: boolean;
  /** Until when the re-test may be started (and must be finished), when available. */
  retestUntil: string | null;
  retestUsed: boolean;
}

/** What a unit officer sees per low scorer. */
export interface RemedialSummaryDto {
  status: RemedialStatus;
  dueDate: string;
  overdue: boolean;
  itemsDone: number;
  itemsTotal: number;
  retestUsed: boolean;
}
