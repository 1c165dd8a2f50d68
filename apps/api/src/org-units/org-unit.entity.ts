import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UnitLevel, UnitStatus } from '@cchc/shared';

@Entity('org_unit')
export class OrgUnit {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() code: string;
  @Column() name: string;
  @Column({ type: 'varchar' }) level: UnitLevel;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId: string | null;
  /** Materialized path "/<root id>/.../<own id>/" (see libs/shared unit-path). */
  @Column() path: string;
  /** The province the unit belongs to (itself for a province, NULL for the nation); kept by a trigger. */
  @Column({ name: 'province_id', type: 'uuid', nullable: true, insert: false, update: false }) provinceId: string | null;
  @Column({ type: 'varchar' }) status: UnitStatus;
  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true }) mergedIntoId: string | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
