import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { QaStatus } from '@cchc/shared';

/** A learner's question; with an answer it may be published to the FAQ every signed-in user reads. */
@Entity('qa_question')
export class QaQuestion {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'asker_id', type: 'uuid', nullable: true }) askerId: string | null;
  @Column({ name: 'asker_name', type: 'varchar', nullable: true }) askerName: string | null;
  @Column({ name: 'asker_unit_id', type: 'uuid', nullable: true }) askerUnitId: string | null;
  @Column({ name: 'topic_id', type: 'uuid', nullable: true }) topicId: string | null;
  @Column() title: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'varchar' }) status: QaStatus;
  @Column({ type: 'text', nullable: true }) answer: string | null;
  @Column({ name: 'answered_by', type: 'uuid', nullable: true }) answeredBy: string | null;
  @Column({ name: 'answered_by_name', type: 'varchar', nullable: true }) answeredByName: string | null;
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true }) answeredAt: Date | null;
  @Column() published: boolean;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Column({ name: 'search_text', type: 'text', select: false }) searchText: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
