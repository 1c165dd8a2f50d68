import { AppSetting, AuditLog } from '../audit/audit-log.entity';
import { OrgUnit } from '../org-units/org-unit.entity';
import { Person, PersonStatusHistory, PersonUnitHistory } from '../people/person.entity';
import { RefreshToken, UserAccount } from '../users/user-account.entity';
import { Topic } from '../topics/topic.entity';
import { TrainingEvidence } from '../evidence/training-evidence.entity';
import { Question, QuestionVersion } from '../question-bank/question.entity';
import { LibraryDocument } from '../library/library-document.entity';
import { QaQuestion } from '../qa/qa-question.entity';

export const ENTITIES = [OrgUnit, Person, PersonUnitHistory, PersonStatusHistory, UserAccount, RefreshToken, AuditLog, AppSetting, Topic, TrainingEvidence, Question, QuestionVersion, LibraryDocument, QaQuestion];
