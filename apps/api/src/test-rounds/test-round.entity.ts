import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { BlueprintLine, CountingRule, QuestionFormat, QuestionOption, Recurrence, ReviewMode, RoundAudience, ScoreBand } from '@cchc/shared';

/** test_round as assessment sees it (the contract columns plus the round's full definition). */
@Entity('test_round')
export class TestRound {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column() status: 'draft' | 'scheduled' | 'open' | 'closed' | 'archived';
  @Column({ name: 'opens_at', type: 'timestamptz' }) opensAt: Date;
  @Column({ name: 'closes_at', type: 'timestamptz' }) closesAt: Date;
  @Column({ name: 'topic_ids', type: 'uuid', array: true }) topicIds: string[];
  @Column({ name: 'pass_mark', type: 'numeric', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) passMark: number;
  @Column({ type: 'jsonb' }) blueprint: BlueprintLine[];
  @Column({ type: 'jsonb' }) audience: RoundAudience;
  @Column({ name: 'time_limit_minutes' }) timeLimitMinutes: number;
  @Column({ name: 'attempts_allowed' }) attemptsAllowed: number;
  @Column({ type: 'varchar' }) counting: CountingRule;
  @Column({ type: 'jsonb' }) bands: ScoreBand[];
  @Column({ name: 'shuffle_questions' }) shuffleQuestions: boolean;
  @Column({ name: 'shuffle_options' }) shuffleOptions: boolean;
  @Column({ name: 'review_mode', type: 'varchar' }) reviewMode: ReviewMode;
  @Column({ type: 'varchar', nullable: true }) recurrence: Recurrence | null;
  @Column({ name: 'recommend_below', type: 'numeric', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) recommendBelow: number;
  @Column({ name: 'commend_min_score', type: 'numeric', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) commendMinScore: number;
  @Column({ name: 'commend_top_n' }) commendTopN: number;
  @Column({ name: 'remedial_auto' }) remedialAuto: boolean;
  @Column({ name: 'remedial_due_days' }) remedialDueDays: number;
  @Column({ name: 'previous_round_id', type: 'uuid', nullable: true }) previousRoundId: string | null;
  @Column({ name: 'next_round_id', type: 'uuid', nullable: true }) nextRoundId: string | null;
  @Column({ name: 'audience_notified_at', type: 'timestamptz', nullable: true }) audienceNotifiedAt: Date | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  /** The province that runs the round (its audience never leaves it); NULL: a national round for every province. */
  @Column({ name: 'province_id', type: 'uuid', nullable: true }) provinceId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A question frozen into an attempt: the version given, options in the order shown, and the key (server only). */
export interface FrozenQuestion {
  questionId: string;
  versionId: string;
  topicId: string;
  difficulty: string;
  type: string;
  /** Absent in attempts started before formats existed: plain. */
  format?: QuestionFormat;
  stem: string;
  /** With each option's feedback (review only; the exam payload maps options to id and text). */
  options: QuestionOption[];
  correct: string[];
  explanation: string | null;
  lessonIds: string[];
  documentIds: string[];
}

export interface GradedItem {
  questionId: string;
  topicId: string;
  chosen: string[];
  credit: number;
}

@Entity('test_attempt')
export class TestAttempt {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'round_id', type: 'uuid' }) roundId: string;
  @Column({ name: 'person_id', type: 'uuid' }) personId: string;
  @Column() number: number;
  @Column() seed: number;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt: Date;
  @Column({ name: 'deadline_at', type: 'timestamptz' }) deadlineAt: Date;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ name: 'submitted_by', type: 'varchar', nullable: true }) submittedBy: 'learner' | 'deadline' | null;
  @Column({ name: 'question_ids', type: 'uuid', array: true }) questionIds: string[];
  /**
   * The frozen questions, options in the attempt's order. Read through `test_attempt_questions` (AttemptsRepository):
   * an attempt stores only `snapshotIds` and its option order; attempts from before the snapshots kept a full copy.
   */
  @Column({ type: 'jsonb', nullable: true }) questions: FrozenQuestion[];
  /** The content-addressed snapshot of each question (`test_question_snapshot`), in `questionIds` order. */
  @Column({ name: 'snapshot_ids', type: 'uuid', array: true, nullable: true }) snapshotIds: string[] | null;
  @Column({ type: 'numeric', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } }) score: number | null;
  @Column({ type: 'varchar', nullable: true }) band: string | null;
  @Column({ type: 'boolean', nullable: true }) passed: boolean | null;
  @Column({ type: 'jsonb', nullable: true }) graded: GradedItem[] | null;
}
