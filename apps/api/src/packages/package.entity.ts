import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { PackageCompletion, PackageStandard, PackageSuccess } from '@cchc/shared';
import type { PackageStructure } from './manifest';

const numeric = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity('learning_package')
export class LearningPackage {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'lesson_id', type: 'uuid' }) lessonId: string;
  @Column({ type: 'varchar' }) standard: PackageStandard;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) identifier: string;
  @Column({ type: 'jsonb' }) structure: PackageStructure;
  @Column({ name: 'file_name', type: 'text' }) fileName: string;
  @Column({ name: 'file_count', type: 'int' }) fileCount: number;
  @Column({ name: 'total_bytes', type: 'bigint', transformer: numeric }) totalBytes: number;
  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true }) uploadedBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('learning_package_file')
export class LearningPackageFile {
  @PrimaryColumn({ name: 'package_id', type: 'uuid' }) packageId: string;
  @PrimaryColumn({ type: 'text' }) path: string;
  @Column({ name: 'file_key', type: 'varchar' }) fileKey: string;
  @Column({ type: 'bigint', transformer: numeric }) size: number;
}

@Entity('package_runtime')
export class PackageRuntime {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' }) personId: string;
  @PrimaryColumn({ name: 'package_id', type: 'uuid' }) packageId: string;
  @PrimaryColumn({ name: 'item_id', type: 'varchar' }) itemId: string;
  @PrimaryColumn({ type: 'int' }) attempt: number;
  @Column({ type: 'int' }) seq: number;
  @Column({ type: 'varchar' }) completion: PackageCompletion;
  @Column({ type: 'varchar' }) success: PackageSuccess;
  @Column({ name: 'score_scaled', type: 'numeric', nullable: true, transformer: numeric }) scoreScaled: number | null;
  @Column({ name: 'score_raw', type: 'numeric', nullable: true, transformer: numeric }) scoreRaw: number | null;
  @Column({ name: 'score_min', type: 'numeric', nullable: true, transformer: numeric }) scoreMin: number | null;
  @Column({ name: 'score_max', type: 'numeric', nullable: true, transformer: numeric }) scoreMax: number | null;
  @Column({ type: 'text' }) location: string;
  @Column({ name: 'suspend_data', type: 'text' }) suspendData: string;
  @Column({ type: 'varchar' }) exit: string;
  @Column({ name: 'total_seconds', type: 'numeric', transformer: numeric }) totalSeconds: number;
  @Column({ name: 'session_seconds', type: 'numeric', transformer: numeric }) sessionSeconds: number;
  @Column({ type: 'jsonb' }) interactions: unknown[];
  @Column({ type: 'jsonb' }) cmi: Record<string, unknown>;
  @Column({ name: 'terminated_at', type: 'timestamptz', nullable: true }) terminatedAt: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  /** cmi5: the AU was waived for the learner (the reason cmi5 defines), so it counts as satisfied. */
  @Column({ name: 'waived_reason', type: 'varchar', nullable: true }) waivedReason: Cmi5WaiveReason | null;
}

export type Cmi5WaiveReason = 'Tested Out' | 'Equivalent AU' | 'Equivalent Outside Activity' | 'Administrative';

@Entity('cmi5_session')
export class Cmi5Session {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'person_id', type: 'uuid' }) personId: string;
  @Column({ name: 'package_id', type: 'uuid' }) packageId: string;
  @Column({ name: 'item_id', type: 'varchar' }) itemId: string;
  @Column({ type: 'int' }) attempt: number;
  @Column({ type: 'uuid' }) registration: string;
  @Column({ name: 'fetch_token_hash', type: 'varchar' }) fetchTokenHash: string;
  @Column({ name: 'secret_hash', type: 'varchar', nullable: true }) secretHash: string | null;
  @Column({ name: 'launch_mode', type: 'varchar' }) launchMode: 'Normal' | 'Browse' | 'Review';
  @Column({ type: 'boolean' }) initialized: boolean;
  @Column({ type: 'boolean' }) terminated: boolean;
  @Column({ type: 'boolean' }) abandoned: boolean;
  @Column({ type: 'boolean' }) failed: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'fetched_at', type: 'timestamptz', nullable: true }) fetchedAt: Date | null;
}
