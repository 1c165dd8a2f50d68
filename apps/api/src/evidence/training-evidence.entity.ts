import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { EvidenceKind } from '@cchc/shared';

/** One fact that a person was trained on a topic: a course completed, a test passed, a session attended. */
@Entity('training_evidence')
export class TrainingEvidence {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'person_id', type: 'uuid' }) personId: string;
  @Column({ name: 'topic_id', type: 'uuid' }) topicId: string;
  @Column({ type: 'varchar' }) kind: EvidenceKind;
  /** What produced it, e.g. 'course' + course id, 'test_round' + round id, 'session' + session id. */
  @Column({ name: 'source_type' }) sourceType: string;
  @Column({ name: 'source_id' }) sourceId: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
  @Column({ type: 'jsonb', nullable: true }) details: Record<string, unknown> | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
