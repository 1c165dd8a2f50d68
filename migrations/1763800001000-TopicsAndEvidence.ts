import { MigrationInterface, QueryRunner } from 'typeorm';

/** The three programmes (ASEAN, public-service culture, CCHC with its six fields and skills) as data, and the
 *  evidence table every kind of training writes to and coverage reads from. */
const TOPICS: [code: string, parent: string | null, kind: string, name: string, nameEn: string][] = [
  ['ASEAN', null, 'programme', 'Cộng đồng ASEAN', 'ASEAN Community'],
  ['KNHC', null, 'programme', 'Kỹ năng hành chính, quản lý nhà nước theo chuẩn ASEAN', 'Administrative and state-management skills (ASEAN standard)'],
  ['VHCV', null, 'programme', 'Văn hóa công vụ', 'Public-service culture'],
  ['CCHC', null, 'programme', 'Cải cách hành chính', 'Administrative reform'],
  ['CCHC.THECHE', 'CCHC', 'field', 'Cải cách thể chế', 'Institutional reform'],
  ['CCHC.TTHC', 'CCHC', 'field', 'Cải cách thủ tục hành chính', 'Administrative procedure reform'],
  ['CCHC.TCBM', 'CCHC', 'field', 'Cải cách tổ chức bộ máy', 'Reform of the state apparatus'],
  ['CCHC.CDCV', 'CCHC', 'field', 'Cải cách chế độ công vụ', 'Civil service reform'],
  ['CCHC.TCC', 'CCHC', 'field', 'Cải cách tài chính công', 'Public finance reform'],
  ['CCHC.CQS', 'CCHC', 'field', 'Xây dựng chính quyền điện tử, chính quyền số', 'E-government and digital government'],
  ['CCHC.KN.KEHOACH', 'CCHC', 'skill', 'Kỹ năng lập chương trình, kế hoạch CCHC', 'Planning administrative reform'],
  ['CCHC.KN.DANHGIA', 'CCHC', 'skill', 'Kỹ năng kiểm tra, đánh giá, đo lường kết quả CCHC', 'Monitoring and evaluation'],
  ['CCHC.KN.BAOCAO', 'CCHC', 'skill', 'Kỹ năng thông tin, báo cáo', 'Reporting'],
  ['CCHC.KN.TUYENTRUYEN', 'CCHC', 'skill', 'Kỹ năng tuyên truyền CCHC', 'Communication'],
  ['CCHC.KN.CNTT', 'CCHC', 'skill', 'Kỹ năng ứng dụng công nghệ thông tin', 'Use of IT'],
];

export class TopicsAndEvidence1763800001000 implements MigrationInterface {
  name = 'TopicsAndEvidence1763800001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE topic (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code varchar(50) NOT NULL,
        name varchar(200) NOT NULL,
        name_en varchar(200) NULL,
        description text NULL,
        kind varchar(12) NOT NULL,
        parent_id uuid NULL,
        sort_order integer NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_topic PRIMARY KEY (id),
        CONSTRAINT uq_topic_code UNIQUE (code),
        CONSTRAINT fk_topic_parent FOREIGN KEY (parent_id) REFERENCES topic (id),
        CONSTRAINT ck_topic_kind CHECK (kind IN ('programme','field','skill'))
      )`);
    for (const [i, [code, parent, kind, name, nameEn]] of TOPICS.entries()) {
      await q.query(
        `INSERT INTO topic (code, name, name_en, kind, parent_id, sort_order)
         VALUES ($1, $2, $3, $4, (SELECT id FROM topic WHERE code = $5), $6)`,
        [code, name, nameEn, kind, parent, i + 1],
      );
    }

    await q.query(`
      CREATE TABLE training_evidence (
        id bigserial NOT NULL,
        person_id uuid NOT NULL,
        topic_id uuid NOT NULL,
        kind varchar(20) NOT NULL,
        source_type varchar(30) NOT NULL,
        source_id varchar(64) NOT NULL,
        occurred_at timestamptz NOT NULL,
        details jsonb NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_training_evidence PRIMARY KEY (id),
        CONSTRAINT fk_training_evidence_person FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE CASCADE,
        CONSTRAINT fk_training_evidence_topic FOREIGN KEY (topic_id) REFERENCES topic (id),
        CONSTRAINT ck_training_evidence_kind CHECK (kind IN ('course_completed','test_passed','attendance')),
        CONSTRAINT uq_training_evidence_source UNIQUE (kind, source_type, source_id, person_id, topic_id)
      )`);
    await q.query(`CREATE INDEX ix_training_evidence_person ON training_evidence (person_id, topic_id)`);
    await q.query(`CREATE INDEX ix_training_evidence_topic ON training_evidence (topic_id, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE training_evidence`);
    await q.query(`DROP TABLE topic`);
  }
}
