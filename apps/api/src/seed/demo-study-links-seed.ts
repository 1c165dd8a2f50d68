import { DataSource } from 'typeorm';
import { demoStudyLinks, LinkableDocument, LinkableLesson, LinkableQuestion } from './demo-data/demo-study-links';

/**
 * Gives the demo bank's questions the lessons and library documents that teach them (demo-data/demo-study-links), so
 * the demo's result pages and remedial work recommend real links. Runs after the courses and the library are seeded,
 * once: nothing happens when any question already links something (an author's own links are never touched). The
 * seed's own version-1 rows are filled in place, in one statement.
 */
export async function seedDemoStudyLinks(db: DataSource, log: (m: string) => void = () => {}): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(727011)');
    const [{ linked }] = await tx.query(
      `SELECT count(*)::int AS linked FROM question q JOIN question_version v ON v.question_id = q.id AND v.version = q.current_version
        WHERE cardinality(v.lesson_ids) > 0 OR cardinality(v.document_ids) > 0`,
    );
    if (linked > 0) return 0;
    const questionRows: { versionId: string; topicCode: string; tags: string[]; stem: string; options: { id: string; text: string }[]; correct: string[]; explanation: string | null }[] =
      await tx.query(
        `SELECT v.id AS "versionId", t.code AS "topicCode", q.tags, v.stem, v.options, v.correct, v.explanation
           FROM question q JOIN question_version v ON v.question_id = q.id AND v.version = q.current_version JOIN topic t ON t.id = q.topic_id`,
      );
    if (!questionRows.length) return 0;
    const lessons: LinkableLesson[] = await tx.query(
        `SELECT l.id, c.title || ' ' || l.title || ' ' || l.body_html AS text, array_agg(t.code) AS "topicCodes"
           FROM lesson l JOIN course c ON c.id = l.course_id AND c.status = 'published'
           JOIN course_topic ct ON ct.course_id = c.id JOIN topic t ON t.id = ct.topic_id
          WHERE l.body_html IS NOT NULL GROUP BY l.id, c.title`,
    );
    const documents: LinkableDocument[] = await tx.query(`SELECT id, number, title FROM library_document WHERE status = 'in_force'`);
    const questions: LinkableQuestion[] = questionRows.map((q) => ({
      id: q.versionId,
      topicCode: q.topicCode,
      tags: q.tags,
      text: [q.stem, ...q.options.filter((o) => q.correct.includes(o.id)).map((o) => o.text), q.explanation ?? ''].join(' '),
    }));
    const links = [...demoStudyLinks(questions, lessons, documents)];
    if (!links.length) return 0;
    await tx.query(
      `UPDATE question_version v
          SET lesson_ids = CASE WHEN x.lesson IS NULL THEN '{}'::uuid[] ELSE ARRAY[x.lesson] END,
              document_ids = CASE WHEN x.doc IS NULL THEN '{}'::uuid[] ELSE ARRAY[x.doc] END
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS x(version_id, lesson, doc)
        WHERE v.id = x.version_id`,
      [links.map(([id]) => id), links.map(([, l]) => l.lessonIds[0] ?? null), links.map(([, l]) => l.documentIds[0] ?? null)],
    );
    const withLesson = links.filter(([, l]) => l.lessonIds.length).length;
    log(`demo study links: ${withLesson} of ${questionRows.length} questions link a lesson, ${links.filter(([, l]) => l.documentIds.length).length} a document`);
    return links.length;
  });
}
