import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents and views officials read:
 * - an ICU collation for Vietnamese dictionary order ("Đ" after "D", tones ngang < huyền < hỏi < ngã < sắc < nặng),
 *   used by `ORDER BY … COLLATE vi_icu` in every sorted list and report (the database's default collation sorts by
 *   code point, so "Đề án" came after "Xây dựng");
 * - a short name on each target for column titles (the heat map, sheet names), defaulting from its title.
 */
const DEMO_SHORT_NAMES: [string, string][] = [
  ['QD1439.ASEAN', 'Kiến thức Cộng đồng ASEAN'],
  ['QD1439.KNHC', 'Kỹ năng hành chính chuẩn ASEAN'],
  ['QD1718.CCHC', 'Người làm công tác CCHC'],
  ['QD1847.VHCV', 'Văn hóa công vụ'],
  ['KH.CCHC.XA', 'Tập huấn CCHC cấp xã'],
];

export class VietnameseDocuments1763800016000 implements MigrationInterface {
  name = 'VietnameseDocuments1763800016000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE COLLATION vi_icu (provider = icu, locale = 'vi-VN')`);
    await q.query(`ALTER TABLE target ADD COLUMN short_name varchar(60) NULL`);
    for (const [code, short] of DEMO_SHORT_NAMES) await q.query(`UPDATE target SET short_name = $2 WHERE code = $1`, [code, short]);
    // Others: the title without its leading share ("100% ", "Ít nhất 80% "), cut to the column's length.
    await q.query(`
      UPDATE target SET short_name = left(btrim(regexp_replace(name, '^\\s*((ít nhất|tối thiểu|trên|đạt)\\s+)?[0-9]+([.,][0-9]+)?\\s*%\\s*', '', 'i')), 60)
       WHERE short_name IS NULL`);
    await q.query(`UPDATE target SET short_name = left(name, 60) WHERE short_name = ''`);
    await q.query(`ALTER TABLE target ALTER COLUMN short_name SET NOT NULL, ADD CONSTRAINT ck_target_short_name CHECK (length(btrim(short_name)) > 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE target DROP CONSTRAINT ck_target_short_name, DROP COLUMN short_name`);
    await q.query(`DROP COLLATION vi_icu`);
  }
}
