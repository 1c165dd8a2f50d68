import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { TopicKind } from '@cchc/shared';

@Entity('topic')
export class Topic {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() code: string;
  @Column() name: string;
  @Column({ name: 'name_en', type: 'varchar', nullable: true }) nameEn: string | null;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'varchar' }) kind: TopicKind;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId: string | null;
  @Column({ name: 'sort_order' }) sortOrder: number;
  @Column() active: boolean;
  /** The province that added the topic; NULL: a national programme every province sees. */
  @Column({ name: 'province_id', type: 'uuid', nullable: true }) provinceId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
