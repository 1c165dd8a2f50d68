import { AppSetting, AuditLog } from '../audit/audit-log.entity';
import { OrgUnit } from '../org-units/org-unit.entity';
import { Person, PersonStatusHistory, PersonUnitHistory } from '../people/person.entity';
import { RefreshToken, UserAccount } from '../users/user-account.entity';
import { Topic } from '../topics/topic.entity';
import { TrainingEvidence } from '../evidence/training-evidence.entity';
import { Question, QuestionVersion } from '../question-bank/question.entity';
import { TestAttempt, TestRound } from '../test-rounds/test-round.entity';
import { Target } from '../targets/target.entity';
import { TrainingAttendance, TrainingSession } from '../training-sessions/training-session.entity';
import { Course, CourseModule, CourseTopic, Lesson } from '../courses/course.entity';
import { CourseAssignment, CourseCompletion, Enrolment, LessonProgress } from '../enrolments/enrolment.entity';
import { LibraryDocument } from '../library/library-document.entity';
import { QaQuestion } from '../qa/qa-question.entity';

export const ENTITIES = [
  OrgUnit, Person, PersonUnitHistory, PersonStatusHistory, UserAccount, RefreshToken, AuditLog, AppSetting, Topic, TrainingEvidence,
  Question, QuestionVersion, TestRound, TestAttempt, Target, TrainingSession, TrainingAttendance,
  Course, CourseTopic, CourseModule, Lesson, Enrolment, LessonProgress, CourseCompletion, CourseAssignment,
  LibraryDocument, QaQuestion,
];

