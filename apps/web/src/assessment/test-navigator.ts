/**
 * The test page's navigator and pre-submit summary, as plain functions: which questions are answered, not answered
 * or flagged for review, and what to tell the learner before they submit.
 */
export type NavigatorState = 'answered' | 'unanswered';

export interface NavigatorItem {
  /** 1-based, as the learner reads it ("Câu 3"). */
  n: number;
  questionId: string;
  state: NavigatorState;
  flagged: boolean;
}

export function navigatorItems(
  questionIds: readonly string[],
  choiceOf: (questionId: string) => readonly string[] | undefined,
  flagged: ReadonlySet<string>,
): NavigatorItem[] {
  return questionIds.map((questionId, i) => ({
    n: i + 1,
    questionId,
    state: (choiceOf(questionId)?.length ?? 0) > 0 ? 'answered' : 'unanswered',
    flagged: flagged.has(questionId),
  }));
}

export interface SubmitSummary {
  answered: number;
  total: number;
  unanswered: NavigatorItem[];
  flagged: NavigatorItem[];
  /** Nothing left to look at: a plain confirmation is enough. */
  complete: boolean;
}

export function submitSummary(items: readonly NavigatorItem[]): SubmitSummary {
  const unanswered = items.filter((i) => i.state === 'unanswered');
  const flagged = items.filter((i) => i.flagged);
  return { answered: items.length - unanswered.length, total: items.length, unanswered, flagged, complete: !unanswered.length && !flagged.length };
}

const flagsKey = (attemptId: string) => `cchc.attempt.${attemptId}.flags`;

/** Questions flagged "đánh dấu xem lại", kept on this device with the answer queue (a reload keeps them). */
export function loadFlags(attemptId: string, storage: Pick<Storage, 'getItem'> = localStorage): Set<string> {
  try {
    const v: unknown = JSON.parse(storage.getItem(flagsKey(attemptId)) ?? '[]');
    return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

export function saveFlags(attemptId: string, flags: ReadonlySet<string>, storage: Pick<Storage, 'setItem' | 'removeItem'> = localStorage): void {
  try {
    if (flags.size) storage.setItem(flagsKey(attemptId), JSON.stringify([...flags]));
    else storage.removeItem(flagsKey(attemptId));
  } catch {
    /* private mode: flags last for this visit */
  }
}

export function toggled<T>(set: ReadonlySet<T>, value: T): Set<T> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}
