import type { PackageLaunchItemDto } from '@cchc/shared';

/** How the player moves between a package's items (pure, tested on its own). */
export type Sequenced = Pick<PackageLaunchItemDto, 'id' | 'disabled' | 'skipped' | 'flow' | 'choosable'>;

/**
 * The item previous/next (and "continue"/"previous" requests) lead to: flow must be allowed where we are and where we
 * go (controlMode flow), and it passes over skipped and disabled items (preconditions), as the server computed them.
 */
export function flowStep(items: Sequenced[], fromId: string | null, direction: 1 | -1): string | null {
  const from = items.findIndex((i) => i.id === fromId);
  if (from < 0 || items[from].flow === false) return null;
  for (let i = from + direction; i >= 0 && i < items.length; i += direction) {
    if (items[i].flow === false) return null;
    if (!items[i].disabled && !items[i].skipped) return items[i].id;
  }
  return null;
}

/** SCORM 2004 navigation requests the player honours: flow (continue, previous) and choice of an item that allows it. */
export function navigationTarget(request: string, items: Sequenced[], index: number, flow?: { previous: string | null; next: string | null }): string | null {
  if (request === 'continue') return flow ? flow.next : (items[index + 1]?.id ?? null);
  if (request === 'previous') return flow ? flow.previous : index > 0 ? items[index - 1].id : null;
  const choice = /^\{target=([^}]+)\}(choice|jump)$/.exec(request);
  if (choice) {
    const target = items.find((i) => i.id === choice[1]);
    return target && !target.disabled && (request.endsWith('jump') || target.choosable !== false) ? target.id : null;
  }
  return null;
}

/** Status re-reads while an AU is open: soon after a change, then backing off to this (ms). */
export const STATUS_POLL = { first: 3000, max: 30_000 };

/** The next wait: back to the first after a change, doubled (up to the max) while nothing changes. */
export function nextPollDelay(previous: number, changed: boolean): number {
  return changed ? STATUS_POLL.first : Math.min(STATUS_POLL.max, previous * 2);
}

/** The part of an AU status the player shows, to tell whether a re-read changed anything. */
export function statusSignature(lessonCompleted: boolean, items: Pick<PackageLaunchItemDto, 'id' | 'completion' | 'success' | 'scoreScaled' | 'waived'>[]): string {
  return JSON.stringify([lessonCompleted, ...items.map((i) => [i.id, i.completion, i.success, i.scoreScaled, i.waived ?? null])]);
}
