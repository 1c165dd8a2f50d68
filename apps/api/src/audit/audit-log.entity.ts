import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_log')
export class AuditLog {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ name: 'actor_name', type: 'varchar', nullable: true }) actorName: string | null;
  @Column() action: string;
  @Column({ name: 'entity_type' }) entityType: string;
  @Column({ name: 'entity_id', type: 'varchar', nullable: true }) entityId: string | null;
  /** Path of the unit the change concerns, so a unit-scoped reader could be given its own entries later. */
  @Column({ name: 'unit_path', type: 'text', nullable: true }) unitPath: string | null;
  @Column() summary: string;
  @Column({ type: 'jsonb', nullable: true }) details: Record<string, unknown> | null;
}

@Entity('app_setting')
export class AppSetting {
  @Column({ primary: true }) key: string;
  @Column() value: string;
}
