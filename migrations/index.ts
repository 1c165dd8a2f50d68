import { Foundation1763800000000 } from './1763800000000-Foundation';
import { TopicsAndEvidence1763800001000 } from './1763800001000-TopicsAndEvidence';
import { Notifications1763800001500 } from './1763800001500-Notifications';
import { QuestionBank1763800002000 } from './1763800002000-QuestionBank';
import { TestResultsContract1763800002500 } from './1763800002500-TestResultsContract';
import { TestRounds1763800006000 } from './1763800006000-TestRounds';
import { Coverage1763800007000 } from './1763800007000-Coverage';
import { ItemStatQueue1763800007500 } from './1763800007500-ItemStatQueue';
import { Learning1763800003000 } from './1763800003000-Learning';
import { LibraryAndQa1763800004000 } from './1763800004000-LibraryAndQa';
import { RemedialLearning1763800008000 } from './1763800008000-RemedialLearning';
import { Provinces1763800010000 } from './1763800010000-Provinces';
import { SessionsAndSignIn1763800012000 } from './1763800012000-SessionsAndSignIn';
import { AttemptOptionSets1763800013000 } from './1763800013000-AttemptOptionSets';
import { StoredFiles1763800014000 } from './1763800014000-StoredFiles';
import { ReadYourWrites1763800014500 } from './1763800014500-ReadYourWrites';
import { AccountHandouts1763800015000 } from './1763800015000-AccountHandouts';
import { VietnameseDocuments1763800016000 } from './1763800016000-VietnameseDocuments';
import { XapiLrs1763800017000 } from './1763800017000-XapiLrs';
import { XapiOwnStatements1763800017100 } from './1763800017100-XapiOwnStatements';
import { XapiStore1763800017200 } from './1763800017200-XapiStore';
import { ContentProvinces1763800023000 } from './1763800023000-ContentProvinces';
import { LearningPackages1763800025000 } from './1763800025000-LearningPackages';
import { Cmi5Sessions1763800025100 } from './1763800025100-Cmi5Sessions';
import { XapiStatementRefOrder1763800026000 } from './1763800026000-XapiStatementRefOrder';
import { CoverageQueue1763800024000 } from './1763800024000-CoverageQueue';
import { CoverageRefreshDelta1763800024100 } from './1763800024100-CoverageRefreshDelta';
import { LrsForwarding1763800026100 } from './1763800026100-LrsForwarding';
import { QuestionTextFormat1763800027000 } from './1763800027000-QuestionTextFormat';
import { QuestionImages1763800027100 } from './1763800027100-QuestionImages';
import { PackageAttemptsResults1763800028000 } from './1763800028000-PackageAttemptsResults';
import { XapiLeanIngest1763800029000 } from './1763800029000-XapiLeanIngest';
import { XapiStatementActivities1763800029100 } from './1763800029100-XapiStatementActivities';
import { QuestionSnapshots1763800030000 } from './1763800030000-QuestionSnapshots';
import { CoverageAtScale1763800031000 } from './1763800031000-CoverageAtScale';
import { CompactGradedAttempts1763800032000 } from './1763800032000-CompactGradedAttempts';
import { XapiRecordOwnPlanned1763800032100 } from './1763800032100-XapiRecordOwnPlanned';
import { CoverageUnitsRollup1763800033000 } from './1763800033000-CoverageUnitsRollup';
import { CoverageBuildChunks1763800033100 } from './1763800033100-CoverageBuildChunks';
import { CoverageApplySpanOnce1763800034000 } from './1763800034000-CoverageApplySpanOnce';

/** Every migration, in order. Listed as classes (not a glob) so a bundled or compiled API finds them. */
export const MIGRATIONS = [
  Foundation1763800000000, TopicsAndEvidence1763800001000, Notifications1763800001500, QuestionBank1763800002000,
  TestResultsContract1763800002500,
  Learning1763800003000,
  LibraryAndQa1763800004000,
  TestRounds1763800006000,
  Coverage1763800007000,
  ItemStatQueue1763800007500,
  RemedialLearning1763800008000,
  Provinces1763800010000,
  SessionsAndSignIn1763800012000,
  AttemptOptionSets1763800013000,
  StoredFiles1763800014000,
  ReadYourWrites1763800014500,
  AccountHandouts1763800015000,
  VietnameseDocuments1763800016000,
  XapiLrs1763800017000,
  XapiOwnStatements1763800017100,
  XapiStore1763800017200,
  ContentProvinces1763800023000,
  CoverageQueue1763800024000,
  CoverageRefreshDelta1763800024100,
  LearningPackages1763800025000,
  Cmi5Sessions1763800025100,
  XapiStatementRefOrder1763800026000,
  LrsForwarding1763800026100,
  QuestionTextFormat1763800027000,
  QuestionImages1763800027100,
  PackageAttemptsResults1763800028000,
  XapiLeanIngest1763800029000,
  XapiStatementActivities1763800029100,
  QuestionSnapshots1763800030000,
  CoverageAtScale1763800031000,
  CompactGradedAttempts1763800032000,
  XapiRecordOwnPlanned1763800032100,
  CoverageUnitsRollup1763800033000,
  CoverageBuildChunks1763800033100,
  CoverageApplySpanOnce1763800034000,
];
