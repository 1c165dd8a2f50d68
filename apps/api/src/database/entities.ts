import { AppSetting, AuditLog } from '@api/audit';
import { OrgUnit } from '@api/org-units';
import { Person, PersonStatusHistory, PersonUnitHistory } from '@api/people';
import { RefreshToken, UserAccount } from '@api/users';
import { Topic } from '@api/topics';
import { TrainingEvidence } from '@api/evidence';
import { Question, QuestionVersion } from '@api/question-bank';
import { TestAttempt, TestRound } from '@api/test-rounds';
import { Target } from '@api/targets';
import { TrainingAttendance, TrainingSession } from '@api/training-sessions';
import { Course, CourseModule, CourseTopic, Lesson } from '@api/courses';
import { CourseAssignment, CourseCompletion, Enrolment, LessonProgress } from '@api/enrolments';
import { LibraryDocument } from '@api/library';
import { QaQuestion } from '@api/qa';
import { Cmi5Session, LearningPackage, LearningPackageFile, PackageRuntime } from '@api/packages';

export const ENTITIES = [
  OrgUnit, Person, PersonUnitHistory, PersonStatusHistory, UserAccount, RefreshToken, AuditLog, AppSetting, Topic, TrainingEvidence,
  Question, QuestionVersion, TestRound, TestAttempt, Target, TrainingSession, TrainingAttendance,
  Course, CourseTopic, CourseModule, Lesson, Enrolment, LessonProgress, CourseCompletion, CourseAssignment,
  LibraryDocument, QaQuestion, LearningPackage, LearningPackageFile, PackageRuntime, Cmi5Session,
];

