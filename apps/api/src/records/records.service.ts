import { Injectable } from '@nestjs/common';
import {
  explainTarget, PERSON_CATEGORY_LABELS, remedialOverdue, vietnamDate, whyNotEligible,
  type PersonCategory, type PersonRecordDto, type RecordCourseDto, type RecordFacts, type RecordRemedialDto, type RecordRoundDto, type RecordTargetDto,
} from '@cchc/shared';
import { AccessService, ownerContentScope, UnitScope } from '@api/common/access';
import type { AuthUser } from '@api/common/auth';
import { Clock } from '@api/common/clock';
import { CoverageService } from '@api/coverage';
import { EnrolmentsService } from '@api/enrolments';
import { TargetsRepository } from '@api/targets';
import { roundPhase } from '@api/test-rounds';
import { recordError, RecordErrorCode } from './records.exception';
import { RecordsRepository } from './records.repository';

/** Everything a record is made of, before it is shaped for the page or the PDF (the home page reads it too). */
export interface RecordParts {
  dto: PersonRecordDto;
  /** The same facts with the topics of each course and round, for the target explanations. */
  facts: RecordFacts;
}

/** A person's training record: courses, test rounds, in-person sessions, targets with reasons, remedial work. */
@Injectable()
export class RecordsService {
  constructor(
    private readonly repo: RecordsRepository,
    private readonly access: AccessService,
    private readonly enrolments: EnrolmentsService,
    private readonly coverage: CoverageService,
    private readonly targets: TargetsRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * The scope the record is read in: the caller's own person (whatever their role), or a person their unit scope
   * reaches. Unknown id → 404; outside the scope → 403 OUT_OF_SCOPE, as on the person page.
   */
  async scopeFor(user: AuthUser, personId: string): Promise<UnitScope> {
    const granted = await this.access.requirePerson(user, personId, { allowSelf: true });
    return user.personId === personId ? this.access.ownScope(user) : granted;
  }

  async record(user: AuthUser, personId: string): Promise<PersonRecordDto> {
    return (await this.parts(await this.scopeFor(user, personId), personId)).dto;
  }

  /** Reads and assembles one person's record in the given (already decided) scope: a fixed number of statements. */
  async parts(scope: UnitScope, personId: string): Promise<RecordParts> {
    const person = await this.repo.person(scope, personId);
    if (!person) throw recordError(RecordErrorCode.PersonNotFound, 'Không tìm thấy cán bộ.');
    const [learning, rounds, sessions, evidence, remedial, ownTargets, coverage, targets] = await Promise.all([
      this.enrolments.learningOf(scope, personId),
      this.repo.rounds(scope, personId),
      this.repo.sessions(scope, personId),
      this.repo.evidence(scope, personId),
      this.repo.remedial(scope, personId),
      this.repo.targetIdsFor(scope, personId),
      this.repo.coverage(scope, personId),
      this.targets.list(ownerContentScope(person.provinceId), false),
    ]);
    const now = this.clock.now();
    const today = vietnamDate(now);

    const courses: RecordCourseDto[] = learning.map((i) => ({
      courseId: i.course.id,
      title: i.course.title,
      status: i.status,
      assigned: i.assigned,
      dueDate: i.dueDate,
      percent: i.course.mine?.percent ?? 0,
      completedAt: i.course.mine?.completedAt ?? null,
      certificateCode: i.course.mine?.certificateCode ?? null,
    }));
    const roundDtos: RecordRoundDto[] = rounds.map((r) => ({
      roundId: r.roundId,
      name: r.name,
      phase: roundPhase({ status: r.status as never, opensAt: r.opensAt, closesAt: r.closesAt }, now),
      opensAt: r.opensAt.toISOString(),
      closesAt: r.closesAt.toISOString(),
      eligible: r.eligible,
      inProgress: r.inProgress,
      result: r.result ? { ...r.result, finishedAt: r.result.finishedAt.toISOString() } : null,
      topics: r.topics.map((t) => ({ ...t, weak: t.score < r.recommendBelow })),
    }));
    const facts: RecordFacts = {
      courses: learning.map((i) => ({ title: i.course.title, status: i.status, dueDate: i.dueDate, topicIds: i.course.topics.map((t) => t.id) })),
      rounds: rounds.map((r, i) => ({ ...roundDtos[i], topicIds: r.topicIds, result: r.result })),
      evidence: evidence.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })),
    };
    const categoryLabel = PERSON_CATEGORY_LABELS[person.category as PersonCategory]?.vi ?? person.category;
    const targetDtos: RecordTargetDto[] = targets
      .filter((t) => ownTargets.has(t.id))
      .map((t) => {
        const year = this.coverage.yearFor(t);
        const years = coverage.get(t.id);
        const eligible = years !== undefined;
        const explained = explainTarget(
          { ...t, topicName: t.topicName },
          year,
          { eligible, whyNot: eligible ? null : whyNotEligible(t.audience, t.kind, { ...person, categoryLabel }) },
          years ?? [],
          facts,
          today,
        );
        return { targetId: t.id, code: t.code, name: t.name, shortName: t.shortName, legalBasisNumber: t.legalBasisNumber, year, ...explained };
      });
    const remedialDtos: RecordRemedialDto[] = remedial.map((a) => {
      const itemsDone = a.items.filter((i) => i.done).length;
      return {
        ...a,
        overdue: remedialOverdue({ status: a.status, dueDate: a.dueDate, itemsDone, itemsTotal: a.items.length }, now),
        itemsDone,
        itemsTotal: a.items.length,
      };
    });
    return {
      dto: {
        person: {
          id: person.id,
          fullName: person.fullName,
          staffCode: person.staffCode,
          unitName: person.unitName,
          unitTrail: person.unitTrail,
          category: person.category,
          position: person.position,
          status: person.status,
        },
        generatedAt: now.toISOString(),
        courses,
        rounds: roundDtos,
        sessions,
        targets: targetDtos,
        remedial: remedialDtos,
      },
      facts,
    };
  }
}
