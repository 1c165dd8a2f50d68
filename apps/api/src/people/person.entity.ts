import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { PersonCategory, PersonStatus, UnitChangeReason } from '@cchc/shared';

@Entity('person')
export class Person {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'staff_code' }) staffCode: string;
  @Column({ name: 'full_name' }) fullName: string;
  /** foldVietnamese(full name + staff code): accent-insensitive search, trigram-indexed. */
  @Column({ name: 'search_text' }) searchText: string;
  @Column({ name: 'unit_id', type: 'uuid' }) unitId: string;
  /** The province of the unit (staff codes are unique within it); kept by a trigger. */
  @Column({ name: 'province_id', type: 'uuid', insert: false, update: false }) provinceId: string;
  @Column({ type: 'varchar' }) category: PersonCategory;
  @Column({ type: 'varchar', nullable: true }) position: string | null;
  @Column({ type: 'varchar', nullable: true }) email: string | null;
  @Column({ type: 'varchar', nullable: true }) phone: string | null;
  @Column({ name: 'date_of_birth', type: 'date', nullable: true }) dateOfBirth: string | null;
  @Column({ type: 'varchar', nullable: true }) gender: 'male' | 'female' | null;
  @Column({ name: 'does_cchc_work' }) doesCchcWork: boolean;
  @Column({ name: 'is_leader' }) isLeader: boolean;
  @Column({ type: 'varchar' }) status: PersonStatus;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('person_unit_history')
export class PersonUnitHistory {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'person_id', type: 'uuid' }) personId: string;
  @Column({ name: 'unit_id', type: 'uuid' }) unitId: string;
  @Column({ name: 'from_date', type: 'timestamptz' }) fromDate: Date;
  @Column({ name: 'to_date', type: 'timestamptz', nullable: true }) toDate: Date | null;
  @Column({ type: 'varchar' }) reason: UnitChangeReason;
  @Column({ type: 'text', nullable: true }) note: string | null;
}

@Entity('person_status_history')
export class PersonStatusHistory {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'person_id', type: 'uuid' }) personId: string;
  @Column({ type: 'varchar' }) status: PersonStatus;
  @Column({ name: 'from_date', type: 'timestamptz' }) fromDate: Date;
  @Column({ name: 'to_date', type: 'timestamptz', nullable: true }) toDate: Date | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
}
