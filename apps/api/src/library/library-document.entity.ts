import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DocumentStatus, DocumentType } from '@cchc/shared';

/** One document of the CCHC library. The search columns (folded text and its tsvector) are written by the repository. */
@Entity('library_document')
export class LibraryDocument {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', nullable: true }) number: string | null;
  @Column() title: string;
  @Column({ type: 'varchar', nullable: true }) issuer: string | null;
  @Column({ name: 'issued_on', type: 'date', nullable: true }) issuedOn: string | null;
  @Column({ name: 'effective_on', type: 'date', nullable: true }) effectiveOn: string | null;
  @Column({ name: 'topic_id', type: 'uuid', nullable: true }) topicId: string | null;
  @Column({ type: 'varchar' }) type: DocumentType;
  @Column({ type: 'varchar' }) status: DocumentStatus;
  @Column({ name: 'replaced_by_id', type: 'uuid', nullable: true }) replacedById: string | null;
  @Column({ type: 'text', nullable: true }) summary: string | null;
  @Column({ name: 'file_key' }) fileKey: string;
  @Column({ name: 'file_name' }) fileName: string;
  @Column() format: string;
  @Column({ name: 'content_type' }) contentType: string;
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) size: number;
  @Column() sha256: string;
  @Column({ name: 'content_text', type: 'text', select: false }) contentText: string;
  @Column({ name: 'search_head', type: 'text', select: false }) searchHead: string;
  @Column({ name: 'search_body', type: 'text', select: false }) searchBody: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
