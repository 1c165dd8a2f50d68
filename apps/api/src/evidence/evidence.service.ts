import { Global, Injectable, Module } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { EvidenceKind } from '@cchc/shared';
import { CoverageQueue, CoverageQueueRepository } from './coverage-queue';

export interface EvidenceRecord {
  personId: string;
  topicId: string;
  kind: EvidenceKind;
  sourceType: string;
  sourceId: string;
  occurredAt: Date;
  details?: Record<string, unknown> | null;
}

/**
 * The one door through which learning, assessment and in-person training report that someone was trained.
 * Recording is idempotent (same kind, source, person and topic once), so a retried completion never counts twice.
 * Coverage reads this table (and may keep aggregates of it up to date from here).
 */
@Injectable()
export class EvidenceService {
  constructor(private readonly db: DataSource) {}

  async record(records: EvidenceRecord[], manager: EntityManager = this.db.manager): Promise<void> {
    if (!records.length) return;
    await manager.query(
      `INSERT INTO training_evidence (person_id, topic_id, kind, source_type, source_id, occurred_at, details)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::jsonb[])
       ON CONFLICT ON CONSTRAINT uq_training_evidence_source DO NOTHING`,
      [
        records.map((r) => r.personId),
        records.map((r) => r.topicId),
        records.map((r) => r.kind),
        records.map((r) => r.sourceType),
        records.map((r) => r.sourceId),
        records.map((r) => r.occurredAt),
        records.map((r) => (r.details ? JSON.stringify(r.details) : null)),
      ],
    );
  }
}

@Global()
@Module({ providers: [EvidenceService, CoverageQueueRepository, CoverageQueue], exports: [EvidenceService, CoverageQueue] })
export class EvidenceModule {}
