import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EvidenceKind, TargetAudienceDto, TargetKind, TargetPhase, ValidityMode } from '@cchc/shared';

/** A target (chỉ tiêu) from a legal document; coverage against it is kept by the triggers of migration 1763800007000. */
@Entity('target')
export class Target {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() code: string;
  @Column() name: string;
  /** Column title in the heat map and sheet names; defaults from the name. */
  @Column({ name: 'short_name' }) shortName: string;
  @Column({ name: 'legal_basis_number' }) legalBasisNumber: string;
  @Column({ name: 'legal_basis_date', type: 'date', nullable: true }) legalBasisDate: string | null;
  @Column({ name: 'topic_id', type: 'uuid' }) topicId: string;
  /** The topic and every topic below it, fixed when the target is saved. */
  @Column({ name: 'topic_ids', type: 'uuid', array: true }) topicIds: string[];
  @Column({ type: 'varchar' }) kind: TargetKind;
  @Column({ type: 'jsonb' }) audience: TargetAudienceDto;
  @Column({ name: 'evidence_kinds', type: 'text', array: true }) evidenceKinds: EvidenceKind[];
  @Column({ type: 'varchar' }) validity: ValidityMode;
  @Column({ name: 'validity_years' }) validityYears: number;
  @Column({ type: 'jsonb' }) phases: TargetPhase[];
  @Column({ name: 'start_year' }) startYear: number;
  @Column({ name: 'end_year' }) endYear: number;
  @Column({ type: 'date' }) deadline: string;
  @Column({ name: 'threshold_pct', type: 'numeric' }) thresholdPct: string;
  @Column({ name: 'unit_share', type: 'numeric' }) unitShare: string;
  @Column({ name: 'unit_report_due', type: 'varchar', nullable: true }) unitReportDue: string | null;
  @Column({ name: 'province_report_due', type: 'varchar', nullable: true }) provinceReportDue: string | null;
  @Column() active: boolean;
  /** The province the target belongs to; NULL: a national target, each province sees its own part of it. */
  @Column({ name: 'province_id', type: 'uuid', nullable: true }) provinceId: string | null;
}
