/** E-lecture packages (SCORM 1.2, SCORM 2004 3rd/4th edition, cmi5) played as a lesson. */
export type PackageStandard = 'scorm12' | 'scorm2004' | 'cmi5';

export const PACKAGE_STANDARD_LABELS: Record<PackageStandard, string> = {
  scorm12: 'SCORM 1.2',
  scorm2004: 'SCORM 2004',
  cmi5: 'cmi5',
};

/** One entry of the package's table of contents: a SCO/asset (launchable) or a heading (cluster, cmi5 block). */
export interface PackageItemDto {
  id: string;
  title: string;
  /** 0 for top-level entries. */
  depth: number;
  launchable: boolean;
}

/** The package attached to a lesson, as its author sees it. */
export interface PackageSummaryDto {
  id: string;
  standard: PackageStandard;
  title: string;
  fileName: string;
  fileCount: number;
  totalBytes: number;
  items: PackageItemDto[];
  uploadedAt: string;
}

/** Completion and success as SCORM 2004 words them (SCORM 1.2's lesson_status is mapped onto these). */
export type PackageCompletion = 'completed' | 'incomplete' | 'not attempted' | 'unknown';
export type PackageSuccess = 'passed' | 'failed' | 'unknown';

export interface PackageLaunchItemDto extends PackageItemDto {
  /** The file to open, relative to the launch's contentBase (with the item's parameters); null for a heading. */
  launch: string | null;
  completion: PackageCompletion;
  success: PackageSuccess;
  /** 0..1, when the package reported a score. */
  scoreScaled: number | null;
  /** Runtime values to load before the SCO starts (flattened `cmi.*` keys), so it resumes where the learner left. */
  resume: Record<string, string>;
  /** The last commit the server holds for this item; the client numbers its next commits after it. */
  seq: number;
  /** SCORM 2004 sequencing: a precondition disables it (shown greyed, with `reason`). */
  disabled: boolean;
  /** Offered in the table of contents (not hiddenFromChoice, parent's controlMode choice). */
  choosable: boolean;
  /** Previous/next reach it (parent's controlMode flow) — and pass over it when `skipped`. */
  flow: boolean;
  skipped: boolean;
  /** Why it cannot be opened now (Vietnamese), or null. */
  reason: string | null;
  /** cmi5: the AU was waived for this learner (cmi5 reason). */
  waived?: string;
}

/** The result of a package attempt, or the lesson's (the best completed attempt). */
export interface PackageResultDto {
  completion: PackageCompletion;
  success: PackageSuccess;
  /** -1..1 (shown as a percentage). */
  scoreScaled: number | null;
  scoreRaw: number | null;
  scoreMin: number | null;
  scoreMax: number | null;
}

export interface PackageAttemptDto extends PackageResultDto {
  attempt: number;
  finished: boolean;
  updatedAt: string | null;
}

/** Everything the player needs to run a package for the signed-in learner. */
export interface PackageLaunchDto {
  lessonId: string;
  packageId: string;
  standard: PackageStandard;
  title: string;
  /** The separate origin package content is served from (CONTENT_ORIGIN). */
  contentOrigin: string;
  /** The runtime page (on the content origin) that hosts the SCORM API and the SCO. */
  runtimeUrl: string;
  /** Base URL of the package's files on the content origin (a signed, expiring path). */
  contentBase: string;
  attempt: number;
  items: PackageLaunchItemDto[];
  /** The item to open: the last one the learner was in, else the first not completed. */
  currentItemId: string | null;
  lessonCompleted: boolean;
  /** This attempt is over (completed, passed, or failed): the learner may start a new one ("Học lại từ đầu"). */
  attemptFinished: boolean;
  /** Every attempt so far, newest first (the one opened included once it has data). */
  attempts: PackageAttemptDto[];
  /** What the lesson records (the best completed attempt), or null. */
  lessonResult: PackageResultDto | null;
  /** cmi5: launch modes the learner may use per AU (Review once it is completed/passed; Browse when the course allows). */
  browseAllowed?: boolean;
}

/** One stored cmi.interactions entry, as the learner and their unit officer read it. */
export interface PackageInteractionDto {
  itemId: string;
  itemTitle: string;
  attempt: number;
  id: string;
  type: string;
  learnerResponse: string;
  result: string;
  correctResponses: string[];
  latency: string;
  timestamp: string;
  description: string;
}

/** A person's results in one package lesson: attempts and the interactions they answered. */
export interface PackageLessonRecordDto {
  lessonId: string;
  lessonTitle: string;
  courseId: string;
  courseTitle: string;
  standard: PackageStandard;
  lessonCompleted: boolean;
  lessonResult: PackageResultDto | null;
  attempts: PackageAttemptDto[];
  /** The launchable items in the latest attempt (a cmi5 AU may be waived from here). */
  items: Pick<PackageLaunchItemDto, 'id' | 'title' | 'completion' | 'success' | 'scoreScaled' | 'waived'>[];
  interactions: PackageInteractionDto[];
}

/** One commit of an item's runtime data (on Commit/Terminate, at intervals, or replayed from the device's queue). */
export interface PackageCommitRequestDto {
  itemId: string;
  attempt: number;
  /** Increasing per item; a commit not newer than the stored one is ignored (a replay). */
  seq: number;
  /** The runtime's CMI data model as JSON (scorm-again's renderCMIToJSONObject). */
  cmi: Record<string, unknown>;
  terminated: boolean;
  /** Seconds the runtime page measured since Initialize, used when the package reports no session time. */
  elapsedSeconds?: number;
}

export interface PackageCommitResultDto {
  itemId: string;
  /** The attempt the commit went to (a new attempt's first commit opens it). */
  attempt: number;
  completion: PackageCompletion;
  success: PackageSuccess;
  scoreScaled: number | null;
  /** False when the commit was older than what the server holds (it was ignored). */
  applied: boolean;
  lessonCompleted: boolean;
  courseCompletedNow: boolean;
}

/** A cmi5 AU session started for the signed-in learner. */
export interface Cmi5LaunchDto {
  itemId: string;
  sessionId: string;
  /** The AU's URL with endpoint, fetch, actor, registration and activityId (cmi5 §8.1). */
  url: string;
  /** OwnWindow: open in a new window; AnyWindow: the player frames it. */
  launchMethod: 'AnyWindow' | 'OwnWindow';
  launchMode: Cmi5LaunchMode;
}

export type Cmi5LaunchMode = 'Normal' | 'Browse' | 'Review';

/** What the player re-reads while an AU is open (ETag'd: an unchanged status answers 304). */
export interface PackageStatusDto {
  lessonCompleted: boolean;
  items: Pick<PackageLaunchItemDto, 'id' | 'completion' | 'success' | 'scoreScaled' | 'waived'>[];
}
