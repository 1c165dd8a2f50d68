import { EvidenceKind, type TargetDto, type TargetKind, type ValidityMode } from '@cchc/shared';
import type { MessageKey } from '../i18n/i18n';
import type { SaveTargetInput } from './api';
import '../i18n/messages/coverage-forms'; // its texts (loaded with this page)

/** What the target form edits: text as typed, turned into the API's request only once it validates. */
export interface PhaseRow {
  name: string;
  startYear: string;
  endYear: string;
  review: 'interim' | 'final';
}

export interface TargetFormState {
  code: string;
  name: string;
  /** Column title in the heat map; empty = made from the name by the server. */
  shortName: string;
  legalBasisNumber: string;
  legalBasisDate: string;
  topicId: string;
  kind: TargetKind;
  categories: string[];
  /** '' = either, 'true' = must have the flag, 'false' = must not. */
  doesCchcWork: '' | 'true' | 'false';
  isLeader: '' | 'true' | 'false';
  unitLevels: string[];
  unitIds: string[];
  thresholdPct: string;
  /** Units targets: % of a unit's eligible people who must be covered; 0 = at least one person. */
  unitSharePct: string;
  startYear: string;
  endYear: string;
  deadline: string;
  phases: PhaseRow[];
  evidenceKinds: EvidenceKind[];
  validity: ValidityMode;
  validityYears: string;
  /** dd/mm, every year. */
  unitReportDue: string;
  provinceReportDue: string;
  active: boolean;
}

export type TargetFormErrors = Partial<Record<keyof TargetFormState | `phase.${number}`, MessageKey>>;

const flag = (v: boolean | null): '' | 'true' | 'false' => (v === null ? '' : v ? 'true' : 'false');
const toFlag = (v: '' | 'true' | 'false'): boolean | null => (v === '' ? null : v === 'true');
/** 'MM-DD' (API) → 'dd/mm' (form). */
const dayMonth = (v: string | null) => (v ? v.split('-').reverse().join('/') : '');

export function emptyTarget(thisYear: number): TargetFormState {
  return {
    code: '', name: '', shortName: '', legalBasisNumber: '', legalBasisDate: '', topicId: '', kind: 'people',
    categories: [], doesCchcWork: '', isLeader: '', unitLevels: [], unitIds: [],
    thresholdPct: '100', unitSharePct: '0', startYear: String(thisYear), endYear: String(thisYear), deadline: `${thisYear}-12-31`,
    phases: [], evidenceKinds: [EvidenceKind.CourseCompleted, EvidenceKind.TestPassed, EvidenceKind.Attendance], validity: 'year', validityYears: '1',
    unitReportDue: '15/11', provinceReportDue: '15/12', active: true,
  };
}

export function targetToForm(t: TargetDto): TargetFormState {
  return {
    code: t.code, name: t.name, shortName: t.shortName, legalBasisNumber: t.legalBasisNumber, legalBasisDate: t.legalBasisDate ?? '', topicId: t.topicId, kind: t.kind,
    categories: [...t.audience.categories], doesCchcWork: flag(t.audience.doesCchcWork), isLeader: flag(t.audience.isLeader),
    unitLevels: [...t.audience.unitLevels], unitIds: [...t.audience.unitIds],
    thresholdPct: String(t.thresholdPct), unitSharePct: String(Math.round(t.unitShare * 1000) / 10), startYear: String(t.startYear), endYear: String(t.endYear),
    deadline: t.deadline, phases: t.phases.map((p) => ({ name: p.name, startYear: String(p.startYear), endYear: String(p.endYear), review: p.review })),
    evidenceKinds: [...t.evidenceKinds], validity: t.validity, validityYears: String(t.validityYears),
    unitReportDue: dayMonth(t.unitReportDue), provinceReportDue: dayMonth(t.provinceReportDue), active: t.active,
  };
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const year = (v: string) => (/^\d{4}$/.test(v.trim()) && Number(v) >= 2000 && Number(v) <= 2100 ? Number(v) : null);
const number = (v: string) => (v.trim() !== '' && Number.isFinite(Number(v.replace(',', '.'))) ? Number(v.replace(',', '.')) : null);

/** 'dd/mm' → 'MM-DD'; '' → null; undefined when it is not a day of the year. */
export function parseDayMonth(v: string): string | null | undefined {
  const s = v.trim();
  if (!s) return null;
  const m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})$/.exec(s);
  if (!m) return undefined;
  const [d, mo] = [Number(m[1]), Number(m[2])];
  if (mo < 1 || mo > 12 || d < 1 || d > DAYS_IN_MONTH[mo - 1]) return undefined;
  return `${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Every problem the API would refuse (and a few it would accept but no one means), keyed by field. */
export function validateTarget(f: TargetFormState): TargetFormErrors {
  const e: TargetFormErrors = {};
  if (!CODE.test(f.code.trim())) e.code = 'tf.err.code';
  if (f.name.trim().length < 5) e.name = 'tf.err.name';
  if (f.legalBasisNumber.trim().length < 2) e.legalBasisNumber = 'tf.err.basis';
  if (!f.topicId) e.topicId = 'tf.err.topic';
  const threshold = number(f.thresholdPct);
  if (threshold === null || threshold < 1 || threshold > 100) e.thresholdPct = 'tf.err.threshold';
  const share = number(f.unitSharePct);
  if (f.kind === 'units' && (share === null || share < 0 || share > 100)) e.unitSharePct = 'tf.err.unitShare';
  if (f.kind === 'units' && !f.unitLevels.length) e.unitLevels = 'tf.err.unitLevels';
  if (f.unitIds.length > 50) e.unitIds = 'tf.err.unitsMax';
  const [from, to] = [year(f.startYear), year(f.endYear)];
  if (from === null) e.startYear = 'tf.err.year';
  if (to === null) e.endYear = 'tf.err.year';
  else if (from !== null && to < from) e.endYear = 'tf.err.yearOrder';
  else if (from !== null && to - from > 30) e.endYear = 'tf.err.yearSpan';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.deadline)) e.deadline = 'tf.err.deadline';
  else if (from !== null && to !== null && (Number(f.deadline.slice(0, 4)) < from || Number(f.deadline.slice(0, 4)) > to)) e.deadline = 'tf.err.deadlineRange';
  f.phases.forEach((p, i) => {
    const [a, b] = [year(p.startYear), year(p.endYear)];
    if (p.name.trim().length < 2) e[`phase.${i}`] = 'tf.err.phaseName';
    else if (a === null || b === null || b < a) e[`phase.${i}`] = 'tf.err.phaseYears';
    else if (from !== null && to !== null && (a < from || b > to)) e[`phase.${i}`] = 'tf.err.phaseRange';
  });
  if (f.phases.length > 10) e.phases = 'tf.err.phaseCount';
  if (!f.evidenceKinds.length) e.evidenceKinds = 'tf.err.evidence';
  const n = number(f.validityYears);
  if (f.validity === 'years' && (n === null || !Number.isInteger(n) || n < 1 || n > 30)) e.validityYears = 'tf.err.validityYears';
  if (f.validity === 'phase' && !f.phases.length) e.validity = 'tf.err.validityPhase';
  if (parseDayMonth(f.unitReportDue) === undefined) e.unitReportDue = 'tf.err.dayMonth';
  if (parseDayMonth(f.provinceReportDue) === undefined) e.provinceReportDue = 'tf.err.dayMonth';
  return e;
}

/** The request for POST/PUT /api/targets; call only when validateTarget found nothing. */
export function formToRequest(f: TargetFormState): SaveTargetInput {
  return {
    code: f.code.trim(), name: f.name.trim(), shortName: f.shortName.trim(), legalBasisNumber: f.legalBasisNumber.trim(), legalBasisDate: f.legalBasisDate || null, topicId: f.topicId, kind: f.kind,
    audience: { categories: f.categories, doesCchcWork: toFlag(f.doesCchcWork), isLeader: toFlag(f.isLeader), unitLevels: f.unitLevels, unitIds: f.unitIds },
    evidenceKinds: f.evidenceKinds, validity: f.validity, validityYears: f.validity === 'years' ? Number(f.validityYears) : 1,
    phases: f.phases.map((p) => ({ name: p.name.trim(), startYear: Number(p.startYear), endYear: Number(p.endYear), review: p.review })),
    startYear: Number(f.startYear), endYear: Number(f.endYear), deadline: f.deadline,
    thresholdPct: Number(f.thresholdPct.replace(',', '.')), unitShare: f.kind === 'units' ? Number(f.unitSharePct.replace(',', '.')) / 100 : 0,
    unitReportDue: parseDayMonth(f.unitReportDue) ?? null, provinceReportDue: parseDayMonth(f.provinceReportDue) ?? null, active: f.active,
  };
}
