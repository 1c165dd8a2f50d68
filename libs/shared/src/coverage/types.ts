import type { CoverageStatus, TargetKind, TargetPhase, ValidityMode } from './rules';
import type { EvidenceKind } from '../topics/topic';

export interface TargetAudienceDto {
  categories: string[];
  doesCchcWork: boolean | null;
  isLeader: boolean | null;
  unitLevels: string[];
  unitIds: string[];
}

export interface TargetDto {
  id: string;
  code: string;
  name: string;
  /** Column title (heat map, sheet names). */
  shortName: string;
  legalBasisNumber: string;
  legalBasisDate: string | null;
  topicId: string;
  topicCode: string;
  topicName: string;
  kind: TargetKind;
  audience: TargetAudienceDto;
  evidenceKinds: EvidenceKind[];
  validity: ValidityMode;
  validityYears: number;
  phases: TargetPhase[];
  startYear: number;
  endYear: number;
  deadline: string;
  thresholdPct: number;
  unitShare: number;
  unitReportDue: string | null;
  provinceReportDue: string | null;
  active: boolean;
  /** While the target's coverage is being computed (new or edited target): how far, in people; null once ready. */
  coverageBuild?: CoverageBuildDto | null;
}

export interface CoverageBuildDto {
  done: number;
  total: number;
  /** 0–99 while building. */
  pct: number;
}

export interface CoverageFigures {
  eligible: number;
  covered: number;
  pct: number;
  status: CoverageStatus;
}

export interface CoverageUnitRowDto extends CoverageFigures {
  unitId: string;
  unitName: string;
  unitCode: string;
  level: string;
}

export interface CoverageYearDto {
  year: number;
  eligible: number;
  covered: number;
  pct: number;
}

export interface CoveragePhaseDto extends CoverageYearDto {
  name: string;
  startYear: number;
  endYear: number;
  review: 'interim' | 'final';
}

export interface CoverageSummaryDto extends CoverageFigures {
  target: TargetDto;
  unit: { id: string; name: string; code: string };
  year: number;
  /** "people" or "units": what eligible and covered count. */
  counts: TargetKind;
  phase: TargetPhase | null;
  children: CoverageUnitRowDto[];
  series: CoverageYearDto[];
  phases: CoveragePhaseDto[];
}

export interface CoverageMatrixCell extends CoverageFigures {
  targetId: string;
  year: number;
  /** false when the target's audience cannot reach this unit (a department for a commune-level target). */
  applies: boolean;
}

export interface CoverageMatrixDto {
  /** The year asked for; null = each target's current year (shown per cell). */
  year: number | null;
  /** Years some active target covers, for the year picker. */
  years: number[];
  unit: { id: string; name: string };
  /** Only targets that apply to at least one of the rows, and (when a year is asked) whose range holds that year. */
  targets: TargetDto[];
  rows: { unitId: string; unitName: string; unitCode: string; level: string; cells: CoverageMatrixCell[] }[];
}

export interface MissingItemDto {
  personId: string | null;
  unitId: string;
  fullName: string | null;
  staffCode: string | null;
  category: string | null;
  position: string | null;
  unitName: string;
  /** Vietnamese explanation: never trained, expired, failed a test, "2/10 people trained"... */
  reason: string;
}

export interface MyTargetDto {
  target: TargetDto;
  eligible: boolean;
  covered: boolean;
  year: number;
  coveredYears: number[];
  /** What is left: Vietnamese text. */
  todo: string | null;
}

export interface ScoreRowDto {
  personId: string;
  fullName: string;
  staffCode: string;
  unitName: string;
  roundName: string;
  score: number;
  band: string;
  passed: boolean;
  finishedAt: string;
}

export interface ScoresDto {
  lowScorers: ScoreRowDto[];
  commendations: ScoreRowDto[];
}

export interface TrainingSessionDto {
  id: string;
  title: string;
  topicId: string;
  topicName: string;
  startsOn: string;
  endsOn: string;
  place: string | null;
  organisingUnitId: string;
  organisingUnitName: string;
  forUnitIds: string[];
  trainer: string | null;
  hours: number;
  attendance: number;
}

export interface AttendanceRowDto {
  personId: string;
  fullName: string;
  staffCode: string;
  unitName: string;
  source: string;
  recordedAt: string;
}

export interface AttendanceImportRowDto {
  row: number;
  staffCode: string | null;
  fullName: string | null;
  unitName: string | null;
  status: 'matched' | 'unmatched' | 'ambiguous' | 'out_of_scope' | 'duplicate';
  personId: string | null;
  matchedName: string | null;
  message: string | null;
}

export interface AttendanceImportReportDto {
  committed: boolean;
  total: number;
  matched: number;
  rows: AttendanceImportRowDto[];
}

export type SurveyQuestionType = 'rating' | 'choice' | 'text';

export interface SurveyQuestion {
  id: string;
  type: SurveyQuestionType;
  text: string;
  options?: string[];
  /** Optional: the topic a need or rating is about, for results by topic. */
  topicId?: string | null;
}

export interface SurveyDto {
  id: string;
  kind: 'needs' | 'evaluation';
  title: string;
  questions: SurveyQuestion[];
  topicId: string | null;
  sessionId: string | null;
  audienceUnitId: string | null;
  opensAt: string;
  closesAt: string;
  responses: number;
  answeredByMe?: boolean;
}

export interface SurveyResultsDto {
  survey: SurveyDto;
  byUnit: { unitId: string; unitName: string; responses: number; averageRating: number | null }[];
  questions: {
    id: string;
    text: string;
    type: SurveyQuestionType;
    topicId: string | null;
    responses: number;
    averageRating: number | null;
    choices: { option: string; count: number }[];
    texts: string[];
  }[];
}
