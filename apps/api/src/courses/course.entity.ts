import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CompletionRule, CourseStatus, LessonKind } from '@cchc/shared';

const numeric = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity('course')
export class Course {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() title: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'varchar' }) status: CourseStatus;
  @Column({ name: 'estimated_hours', type: 'numeric', transformer: numeric }) estimatedHours: number;
  @Column({ name: 'completion_rule', type: 'jsonb' }) completionRule: CompletionRule;
  /** foldVietnamese(title + description): accent-insensitive catalogue search. */
  @Column({ name: 'search_text', type: 'text' }) searchText: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('course_topic')
export class CourseTopic {
  @PrimaryColumn({ name: 'course_id', type: 'uuid' }) courseId: string;
  @PrimaryColumn({ name: 'topic_id', type: 'uuid' }) topicId: string;
}

@Entity('course_module')
export class CourseModule {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'course_id', type: 'uuid' }) courseId: string;
  @Column() title: string;
  @Column({ name: 'sort_order' }) sortOrder: number;
}

@Entity('lesson')
export class Lesson {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'course_id', type: 'uuid' }) courseId: string;
  @Column({ name: 'module_id', type: 'uuid' }) moduleId: string;
  @Column() title: string;
  @Column({ type: 'varchar' }) kind: LessonKind;
  /** Always stored sanitised. */
  @Column({ name: 'body_html', type: 'text', nullable: true }) bodyHtml: string | null;
  @Column({ type: 'varchar', nullable: true }) url: string | null;
  @Column({ name: 'file_key', type: 'varchar', nullable: true }) fileKey: string | null;
  @Column({ name: 'file_name', type: 'varchar', nullable: true }) fileName: string | null;
  @Column({ name: 'file_mime', type: 'varchar', nullable: true }) fileMime: string | null;
  @Column({ name: 'file_size', type: 'bigint', nullable: true, transformer: numeric }) fileSize: number | null;
  @Column({ name: 'duration_minutes' }) durationMinutes: number;
  @Column({ name: 'sort_order' }) sortOrder: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
