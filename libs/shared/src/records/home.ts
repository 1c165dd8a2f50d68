import type { CoverageStatus, TargetKind } from '../coverage/rules';
import type { LearningStatus } from '../learning/course';

/**
 * The home page ("Trang chủ"): what is due, for the person behind the account (learner section) and, for officers and
 * coordinators, for the part of the tree they answer for (overview section). One request: GET /api/home.
 */

export interface HomeDueRoundDto {
  roundId: string;
  name: string;
  closesAt: string;
  /** An attempt is started and not submitted. */
  inProgress: boolean;
}

export interface HomeDueRemedialDto {
  id: string;
  roundId: string;
  roundName: string;
  dueDate: string;
  overdue: boolean;
  itemsDone: number;
  itemsTotal: number;
}

export interface HomeDueCourseDto {
  courseId: string;
  title: string;
  status: LearningStatus;
  dueDate: string | null;
  percent: number;
}

export interface HomeDueTargetDto {
  targetId: string;
  name: string;
  shortName: string;
  year: number;
  reasons: string[];
  todo: string | null;
}

export interface HomeLearnerDto {
  personId: string;
  /** Open rounds the person has not finished, closing first. */
  rounds: HomeDueRoundDto[];
  /** Open remedial work, overdue and earliest due first. */
  remedial: HomeDueRemedialDto[];
  /** Assigned courses not completed: overdue first, then by due date. */
  courses: HomeDueCourseDto[];
  /** Targets the person is in the audience of and does not meet yet. */
  targets: HomeDueTargetDto[];
}

export interface HomeTargetRowDto {
  targetId: string;
  name: string;
  shortName: string;
  year: number;
  counts: TargetKind;
  eligible: number;
  covered: number;
  /** Eligible minus covered: the length of the missing list. */
  missing: number;
  pct: number;
  thresholdPct: number;
  status: CoverageStatus;
}

export interface HomeRoundRowDto {
  roundId: string;
  name: string;
  closesAt: string;
  /** The round's audience inside the viewer's subtree. */
  audience: number;
  /** Of them, with no submitted attempt: the length of the "not taken" list. */
  notTaken: number;
}

export interface HomeUnitBehindDto {
  unitId: string;
  unitName: string;
  /** The target where the unit is furthest under its threshold. */
  targetId: string;
  targetShortName: string;
  /** What the target counts (for a units target, `missing` is 1: the unit itself). */
  counts: TargetKind;
  pct: number;
  thresholdPct: number;
  missing: number;
}

export interface HomeOverviewDto {
  /** 'unit' for a unit officer, 'province' for a coordinator, 'nation' for the Ministry and administrators. */
  level: 'unit' | 'province' | 'nation';
  unitId: string;
  unitName: string;
  targets: HomeTargetRowDto[];
  /** Targets whose status is behind or not met. */
  targetsBehind: number;
  rounds: HomeRoundRowDto[];
  lowScorers: {
    year: number;
    /** Failed results this year in the subtree (people at work). */
    total: number;
    /** Of them, without finished remedial work (none assigned, or still open). */
    withoutRemedialDone: number;
  };
  /** Children of the viewer's top unit furthest under a threshold, worst first (at most 5). */
  unitsBehind: HomeUnitBehindDto[];
}

export interface HomeDto {
  learner: HomeLearnerDto | null;
  overview: HomeOverviewDto | null;
}
