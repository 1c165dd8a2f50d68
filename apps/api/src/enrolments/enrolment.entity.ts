import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { PersonCategory } from '@cchc/shared';

const numeric = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity('enrolment')
export class Enrolment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'course_id', type: 'uuid' }) courseId: string;
  @Column({ name: 'person_id', type: 'uuid' }) personId: string;
  @Column({ type: 'varchar' }) source: 'self' | 'assignment';
  @Column({ name: 'enrolled_at', type: 'timestamptz' }) enrolledAt: Date;
  /** Where the learner resumes, on any device. */
  @Column({ name: 'last_lesson_id', type: 'uuid', nullable: true }) lastLessonId: string | null;
  @Column({ name: 'last_activity_at', type: 'timestamptz', nullable: true }) lastActivityAt: Date | null;
}

@Entity('lesson_progress')
export class LessonProgress {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' }) personId: string;
  @PrimaryColumn({ name: 'lesson_id', type: 'uuid' }) lessonId: string;
  @Column({ name: 'course_id', type: 'uuid' }) courseId: string;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ name: 'position_seconds' }) positionSeconds: number;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('course_completion')
export class CourseCompletion {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'course_id', type: 'uuid' }) courseId: string;
  @Column({ name: 'person_id', type: 'uuid' }) personId: string;
  @Column({ name: 'completed_at', type: 'timestamptz' }) completedAt: Date;
  @Column({ name: 'certificate_code' }) certificateCode: string;
  @Column({ name: 'person_name' }) personName: string;
  @Column({ name: 'unit_name', type: 'varchar', nullable: true }) unitName: string | null;
  @Column({ name: 'course_title' }) courseTitle: string;
  @Column({ name: 'estimated_hours', type: 'numeric', transformer: numeric }) estimatedHours: number;
}

@Entity('course_assignment')
export class CourseAssignment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'course_id', type: 'uuid' }) courseId: string;
  @Column({ name: 'unit_id', type: 'uuid' }) unitId: string;
  @Column({ type: 'varchar', array: true }) categories: PersonCategory[];
  @Column({ name: 'does_cchc_work', type: 'boolean', nullable: true }) doesCchcWork: boolean | null;
  @Column({ name: 'is_leader', type: 'boolean', nullable: true }) isLeader: boolean | null;
  @Column({ name: 'person_ids', type: 'uuid', array: true }) personIds: string[];
  @Column({ name: 'due_date', type: 'date' }) dueDate: string;
  @Column({ type: 'varchar', nullable: true }) note: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
}
