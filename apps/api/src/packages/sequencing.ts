import type { PackageCompletion, PackageSuccess } from '@cchc/shared';
import type { ItemSequencing, PackageItem, PackageStructure, PreConditionRule, RuleConditionName } from './manifest';

/**
 * The subset of IMS Simple Sequencing (SCORM 2004 SN) this platform honours, as pure functions:
 * - rollup with the default rules (SN RB.1.1–RB.1.4 without rollupRule elements): an activity is completed when all
 *   its tracked children that roll up completion are completed, incomplete when all have known progress and not all
 *   are completed; satisfied (passed) when all contributing children are satisfied, not satisfied (failed) when all
 *   have a known status and not all are satisfied; its measure is the weighted average of its children's measures
 *   (objectiveMeasureWeight, an unknown measure counting 0). deliveryControls tracked="false" and
 *   rollupObjectiveSatisfied / rollupProgressCompletion="false" leave a child out.
 * - controlMode choice and flow of a cluster (or the organization) over its children.
 * - preConditionRule with the actions disabled, skip and hiddenFromChoice and the conditions satisfied,
 *   objectiveStatusKnown, objectiveMeasureKnown, completed, activityProgressKnown, attempted, always (with "not",
 *   all/any), on the item's own status or on a referenced objective, read from a global objective (mapInfo) that
 *   another item writes (writeSatisfiedStatus) — the usual "finish A before B" pattern.
 * Not supported: rollupRule and exit/post-condition rules, limit conditions, randomisation, selection, sequencing
 * collections, objective measure maps, and the full sequencing loop (the player uses the table of contents and
 * previous/next instead).
 */

export interface ActivityStatus {
  completion: PackageCompletion;
  success: PackageSuccess;
  scoreScaled: number | null;
  /** cmi.objectives the SCO reported, by objective id (their success status). */
  objectives?: Record<string, PackageSuccess>;
}

const NONE: ActivityStatus = { completion: 'not attempted', success: 'unknown', scoreScaled: null };

/** Whether an activity counts as done for the lesson: passed, or completed without failing. */
export function activityDone(s: Pick<ActivityStatus, 'completion' | 'success'>): boolean {
  return s.success === 'passed' || (s.completion === 'completed' && s.success !== 'failed');
}

function childrenOf(structure: PackageStructure): Map<string | undefined, PackageItem[]> {
  const children = new Map<string | undefined, PackageItem[]>();
  for (const item of structure.items) {
    const list = children.get(item.parentId) ?? [];
    list.push(item);
    children.set(item.parentId, list);
  }
  return children;
}

/** The default rollup of every activity, leaves as reported; `root` is the organization (the whole package). */
export function rollup(structure: PackageStructure, statuses: ReadonlyMap<string, ActivityStatus>): { root: ActivityStatus; byItem: Map<string, ActivityStatus> } {
  const children = childrenOf(structure);
  const byItem = new Map<string, ActivityStatus>();
  const of = (item: PackageItem | null): ActivityStatus => {
    const kids = children.get(item?.id) ?? [];
    if (item?.launch) {
      const s = statuses.get(item.id) ?? NONE;
      byItem.set(item.id, s);
      return s;
    }
    const rolled = kids.map((k) => ({ item: k, status: of(k) }));
    const tracked = rolled.filter((r) => r.item.sequencing?.tracked !== false);
    const forCompletion = tracked.filter((r) => r.item.sequencing?.rollupCompletion !== false);
    const forSuccess = tracked.filter((r) => r.item.sequencing?.rollupSatisfied !== false);
    let completion: PackageCompletion = 'not attempted';
    if (forCompletion.length && forCompletion.every((r) => r.status.completion === 'completed')) completion = 'completed';
    else if (forCompletion.some((r) => r.status.completion !== 'not attempted' || r.status.success !== 'unknown')) completion = 'incomplete';
    else if (!forCompletion.length) completion = 'unknown';
    let success: PackageSuccess = 'unknown';
    if (forSuccess.length && forSuccess.every((r) => r.status.success === 'passed')) success = 'passed';
    else if (forSuccess.length && forSuccess.every((r) => r.status.success !== 'unknown')) success = 'failed';
    let scoreScaled: number | null = null;
    const weighted = tracked.filter((r) => (r.item.sequencing?.measureWeight ?? 1) > 0);
    if (weighted.some((r) => r.status.scoreScaled !== null)) {
      const total = weighted.reduce((n, r) => n + (r.item.sequencing?.measureWeight ?? 1), 0);
      const sum = weighted.reduce((n, r) => n + (r.item.sequencing?.measureWeight ?? 1) * (r.status.scoreScaled ?? 0), 0);
      scoreScaled = total > 0 ? Math.round((sum / total) * 10000) / 10000 : null;
    }
    const s = { completion, success, scoreScaled };
    if (item) byItem.set(item.id, s);
    return s;
  };
  const root = of(null);
  return { root, byItem };
}

/** The global objectives' satisfied status, as written by the items that map to them (writeSatisfiedStatus). */
export function globalObjectives(structure: PackageStructure, statuses: ReadonlyMap<string, ActivityStatus>): Map<string, PackageSuccess> {
  const globals = new Map<string, PackageSuccess>();
  for (const item of structure.items) {
    const s = statuses.get(item.id);
    if (!s) continue;
    for (const o of item.sequencing?.objectives ?? []) {
      if (!o.global || !o.writeSatisfied) continue;
      const status = o.primary ? s.success : (s.objectives?.[o.id] ?? 'unknown');
      if (status !== 'unknown') globals.set(o.global, status);
    }
  }
  return globals;
}

function objectiveStatus(item: PackageItem, objectiveId: string | undefined, own: ActivityStatus, globals: ReadonlyMap<string, PackageSuccess>): PackageSuccess {
  const objective = (item.sequencing?.objectives ?? []).find((o) => (objectiveId ? o.id === objectiveId : o.primary));
  if (objective?.global && objective.readSatisfied !== false && globals.has(objective.global)) return globals.get(objective.global)!;
  if (!objectiveId || objective?.primary) return own.success;
  return own.objectives?.[objectiveId] ?? 'unknown';
}

function conditionHolds(condition: RuleConditionName, item: PackageItem, objective: string | undefined, own: ActivityStatus, globals: ReadonlyMap<string, PackageSuccess>): boolean {
  switch (condition) {
    case 'always':
      return true;
    case 'satisfied':
      return objectiveStatus(item, objective, own, globals) === 'passed';
    case 'objectiveStatusKnown':
      return objectiveStatus(item, objective, own, globals) !== 'unknown';
    case 'objectiveMeasureKnown':
      return own.scoreScaled !== null;
    case 'completed':
      return own.completion === 'completed';
    case 'activityProgressKnown':
      return own.completion === 'completed' || own.completion === 'incomplete';
    case 'attempted':
      return own.completion !== 'not attempted' || own.success !== 'unknown';
  }
}

function ruleFires(rule: PreConditionRule, item: PackageItem, own: ActivityStatus, globals: ReadonlyMap<string, PackageSuccess>): boolean {
  const results = rule.conditions.map((c) => conditionHolds(c.condition, item, c.objective, own, globals) !== c.not);
  return rule.combination === 'any' ? results.some(Boolean) : results.every(Boolean);
}

export interface ItemAvailability {
  /** Disabled by a precondition: shown greyed with the reason, cannot be opened. */
  disabled: boolean;
  /** Flow (previous/next, continue) passes over it. */
  skipped: boolean;
  /** Not offered in the table of contents (hiddenFromChoice, or the parent's controlMode choice="false"). */
  choosable: boolean;
  /** Previous/next may move to and from it (its parent's controlMode flow). */
  flow: boolean;
  /** Why it cannot be opened, for the learner (Vietnamese); null when it can. */
  reason: string | null;
}

/** What each launchable item allows now, from the preconditions and the control modes above it. */
export function availability(structure: PackageStructure, statuses: ReadonlyMap<string, ActivityStatus>): Map<string, ItemAvailability> {
  const { byItem } = rollup(structure, statuses);
  const globals = globalObjectives(structure, statuses);
  const byId = new Map(structure.items.map((i) => [i.id, i]));
  const controlOf = (parentId: string | undefined): ItemSequencing['controlMode'] => (parentId ? byId.get(parentId)?.sequencing?.controlMode : structure.sequencing?.controlMode);
  const result = new Map<string, ItemAvailability>();
  for (const item of structure.items) {
    // An item is disabled when it or any cluster above it is (SN: the check walks the activity path).
    let disabled = false;
    let skipped = false;
    let hidden = false;
    let choice = true;
    let flow = true;
    for (let at: PackageItem | undefined = item; at; at = at.parentId ? byId.get(at.parentId) : undefined) {
      const own = byItem.get(at.id) ?? NONE;
      for (const rule of at.sequencing?.preConditions ?? []) {
        if (!ruleFires(rule, at, own, globals)) continue;
        if (rule.action === 'disabled') disabled = true;
        if (rule.action === 'skip' && at === item) skipped = true;
        if (rule.action === 'hiddenFromChoice') hidden = true;
      }
      const control = controlOf(at.parentId);
      if (control && !control.choice) choice = false;
      if (control && !control.flow && at === item) flow = false;
    }
    const reason = disabled
      ? 'Chưa mở được: cần hoàn thành các phần trước theo yêu cầu của bài giảng.'
      : hidden || !choice
        ? 'Phần này được mở theo trình tự: dùng nút "Mục tiếp".'
        : null;
    result.set(item.id, { disabled, skipped, choosable: !disabled && !hidden && choice, flow, reason });
  }
  return result;
}

/** The next (or previous) launchable item flow reaches from `fromIndex`, passing over skipped and disabled ones. */
export function flowTarget(items: { id: string; launchable: boolean }[], avail: ReadonlyMap<string, ItemAvailability>, fromId: string | null, direction: 1 | -1): string | null {
  const launchable = items.filter((i) => i.launchable);
  const from = fromId ? launchable.findIndex((i) => i.id === fromId) : -1;
  if (fromId && avail.get(fromId)?.flow === false) return null;
  for (let i = from + direction; i >= 0 && i < launchable.length; i += direction) {
    const a = avail.get(launchable[i].id);
    if (!a || (!a.disabled && !a.skipped && a.flow)) return launchable[i].id;
    if (a.flow === false) return null;
  }
  return null;
}

/** Whether an attempt on the package is over: SCORM 2004 the root activity completed or judged; 1.2 every SCO completed (passed/failed included). */
export function attemptFinished(structure: PackageStructure, statuses: ReadonlyMap<string, ActivityStatus>): boolean {
  if (structure.standard === 'scorm2004') {
    const { root } = rollup(structure, statuses);
    return root.completion === 'completed' || root.success !== 'unknown';
  }
  return structure.items.filter((i) => i.launch).every((i) => statuses.get(i.id)?.completion === 'completed');
}

/** Whether the package (this attempt) completes the lesson: SCORM 2004 by rollup of the root; 1.2 and cmi5 every item done. */
export function packageDone(structure: PackageStructure, statuses: ReadonlyMap<string, ActivityStatus>): boolean {
  if (structure.standard === 'scorm2004') return activityDone(rollup(structure, statuses).root);
  return structure.items.filter((i) => i.launch).every((i) => activityDone(statuses.get(i.id) ?? NONE));
}

/**
 * Which attempt a launch opens (pure): the latest while it is unfinished; after a finished attempt, the next one —
 * unless the learner left it suspended (cmi.exit / cmi.core.exit "suspend"), which resumes it, as SCORM says, and a
 * "start again" request still opens a new one.
 */
export function attemptToOpen(p: { latest: number; finished: boolean; suspended: boolean; startNew: boolean }): { attempt: number; isNew: boolean } {
  if (!p.finished) return { attempt: p.latest, isNew: false };
  if (p.startNew || !p.suspended) return { attempt: p.latest + 1, isNew: true };
  return { attempt: p.latest, isNew: false };
}

/** The result a finished attempt gives the lesson: the root's scaled score, and raw/min/max when one SCO has a score. */
export function attemptResult(
  structure: PackageStructure,
  rows: { itemId: string; completion: PackageCompletion; success: PackageSuccess; scoreScaled: number | null; scoreRaw: number | null; scoreMin: number | null; scoreMax: number | null }[],
): { scoreScaled: number | null; scoreRaw: number | null; scoreMin: number | null; scoreMax: number | null; success: PackageSuccess } {
  const statuses = new Map(rows.map((r) => [r.itemId, r]));
  const scored = rows.filter((r) => r.scoreScaled !== null || r.scoreRaw !== null);
  const single = scored.length === 1 ? scored[0] : null;
  if (structure.standard === 'scorm2004') {
    const { root } = rollup(structure, statuses);
    return { scoreScaled: root.scoreScaled, scoreRaw: single?.scoreRaw ?? null, scoreMin: single?.scoreMin ?? null, scoreMax: single?.scoreMax ?? null, success: root.success };
  }
  const launchable = structure.items.filter((i) => i.launch);
  const known = launchable.map((i) => statuses.get(i.id)?.success ?? 'unknown');
  const success: PackageSuccess = known.every((s) => s === 'passed') ? 'passed' : known.some((s) => s === 'failed') ? 'failed' : 'unknown';
  const scaled = scored.filter((r) => r.scoreScaled !== null);
  const scoreScaled = scaled.length ? Math.round((scaled.reduce((n, r) => n + r.scoreScaled!, 0) / scaled.length) * 10000) / 10000 : null;
  return { scoreScaled, scoreRaw: single?.scoreRaw ?? null, scoreMin: single?.scoreMin ?? null, scoreMax: single?.scoreMax ?? null, success };
}
