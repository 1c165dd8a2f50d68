import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** An in-person class or conference (hội nghị tập huấn). Attendance writes training evidence. */
@Entity('training_session')
export class TrainingSession {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() title: string;
  @Column({ name: 'topic_id', type: 'uuid' }) topicId: string;
  @Column({ name: 'starts_on', type: 'date' }) startsOn: string;
  @Column({ name: 'ends_on', type: 'date' }) endsOn: string;
  @Column({ type: 'varchar', nullable: true }) place: string | null;
  @Column({ name: 'organising_unit_id', type: 'uuid' }) organisingUnitId: string;
  /** Units the session was organised for (a commune's training counts for units targets). */
  @Column({ name: 'for_unit_ids', type: 'uuid', array: true }) forUnitIds: string[];
  @Column({ type: 'varchar', nullable: true }) trainer: string | null;
  @Column({ type: 'numeric' }) hours: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
}

@Entity('training_attendance')
export class TrainingAttendance {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' }) sessionId: string;
  @PrimaryColumn({ name: 'person_id', type: 'uuid' }) personId: string;
  @Column({ type: 'varchar' }) source: 'manual' | 'import' | 'qr';
  @Column({ name: 'recorded_by', type: 'uuid', nullable: true }) recordedBy: string | null;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}
