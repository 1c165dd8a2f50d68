import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Difficulty, QuestionFormat, QuestionOption, QuestionStatus, QuestionType } from '@cchc/shared';

@Entity('question')
export class Question {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Human reference shown to authors, e.g. CH000123. */
  @Column({ insert: false }) code: string;
  @Column({ name: 'topic_id', type: 'uuid' }) topicId: string;
  @Column({ type: 'varchar' }) type: QuestionType;
  @Column({ type: 'varchar' }) difficulty: Difficulty;
  @Column({ type: 'varchar' }) status: QuestionStatus;
  @Column({ name: 'current_version' }) currentVersion: number;
  @Column({ type: 'text', array: true }) tags: string[];
  /** foldVietnamese(code + stem + options) of the current version. */
  @Column({ name: 'search_text' }) searchText: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  /** The province whose bank holds the question; NULL: the national bank every province draws from. */
  @Column({ name: 'province_id', type: 'uuid', nullable: true }) provinceId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** Immutable: never updated after insert. */
@Entity('question_version')
export class QuestionVersion {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'question_id', type: 'uuid' }) questionId: string;
  @Column() version: number;
  @Column({ name: 'topic_id', type: 'uuid' }) topicId: string;
  @Column({ type: 'varchar' }) type: QuestionType;
  @Column({ type: 'varchar' }) difficulty: Difficulty;
  /** How stem, options (and their feedback) and explanation are written; html is sanitised before it is stored. */
  @Column({ type: 'varchar' }) format: QuestionFormat;
  @Column({ type: 'text' }) stem: string;
  @Column({ type: 'jsonb' }) options: QuestionOption[];
  @Column({ type: 'jsonb' }) correct: string[];
  @Column({ type: 'text', nullable: true }) explanation: string | null;
  @Column({ name: 'lesson_ids', type: 'uuid', array: true }) lessonIds: string[];
  @Column({ name: 'document_ids', type: 'uuid', array: true }) documentIds: string[];
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
