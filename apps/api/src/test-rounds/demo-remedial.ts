import { EntityManager } from 'typeorm';
import { BlueprintLine, DEFAULT_BANDS, Difficulty, diagnose, gradeAttempt, remedialDueDate, remedialItems } from '@cchc/shared';
import type { FrozenQuestion } from './test-round.entity';
import { AttemptsRepository } from './attempts.repository';
import { RemedialRepository } from './remedial.repository';
import { TestRoundsRepository, toBankQuestion } from './test-rounds.repository';

const DAY = 86_400_000;

/**
 * The demo learner (account `hocvien`) has sat a short closed round ten days ago, scored low on one topic, and was
 * assigned remedial learning due in four days: the demo shows the re-study list, its due date and the re-test. The
 * topic is the first one that has lessons in a published course and documents in the library; its published questions
 * are linked to them (when they have no links yet) so every demo result recommends real lessons and documents.
 * Idempotent: nothing happens once hocvien has an assignment, or when the demo has no such topic.
 */
export async function seedDemoRemedial(tx: EntityManager, now: Date, log: (m: string) => void = () => {}): Promise<void> {
  const [learner] = await tx.query(
    `SELECT a.person_id, p.unit_id FROM user_account a JOIN person p ON p.id = a.person_id WHERE a.username = 'hocvien'`,
  );
  if (!learner) return;
  const personId: string = learner.person_id;
  const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM remedial_assignment WHERE person_id = $1`, [personId]);
  if (n > 0) return;

  const candidates: { id: string; name: string; lessons: string[]; documents: string[] }[] = await tx.query(
    `SELECT t.id, t.name,
            (SELECT array_agg(id) FROM (SELECT l.id FROM lesson l JOIN course c ON c.id = l.course_id AND c.status = 'published'
                                          JOIN course_topic ct ON ct.course_id = c.id AND ct.topic_id = t.id
                                         ORDER BY c.created_at, l.sort_order LIMIT 2) x) AS lessons,
            (SELECT array_agg(id) FROM (SELECT d.id FROM library_document d WHERE d.topic_id = t.id ORDER BY d.issued_on DESC NULLS LAST LIMIT 1) y) AS documents
       FROM topic t
      WHERE (SELECT count(*) FROM question q WHERE q.topic_id = t.id AND q.status = 'published') >= 4
      ORDER BY t.sort_order, t.name`,
  );
  const topic = candidates.find((c) => c.lessons?.length && c.documents?.length);
  if (!topic) return;
  await tx.query(
    `UPDATE question_version v SET lesson_ids = $2::uuid[], document_ids = $3::uuid[]
       FROM question q WHERE q.id = v.question_id AND v.version = q.current_version AND q.topic_id = $1
        AND coalesce(array_length(v.lesson_ids, 1), 0) = 0 AND coalesce(array_length(v.document_ids, 1), 0) = 0`,
    [topic.id, topic.lessons, topic.documents],
  );
  const bank: Record<string, unknown>[] = await tx.query(
    `SELECT q.id AS question_id, v.id AS version_id, q.topic_id, q.difficulty, q.type, v.format, v.stem, v.options, v.correct, v.explanation, v.lesson_ids, v.document_ids
       FROM question q JOIN question_version v ON v.question_id = q.id AND v.version = q.current_version
      WHERE q.status = 'published' AND q.topic_id = $1 ORDER BY q.code LIMIT 5`,
    [topic.id],
  );
  const questions: FrozenQuestion[] = bank.map(toBankQuestion);
  const blueprint: BlueprintLine[] = Object.entries(
    questions.reduce<Record<string, number>>((acc, q) => ({ ...acc, [q.difficulty]: (acc[q.difficulty] ?? 0) + 1 }), {}),
  ).map(([difficulty, count]) => ({ topicId: topic.id, difficulty: difficulty as Difficulty, count }));

  // One right answer of five: 2/10 on the topic.
  const answers = new Map(questions.map((q, i) => [q.questionId, i === 0 ? q.correct : q.options.map((o) => o.id).filter((o) => !q.correct.includes(o)).slice(0, 1)]));
  const grade = gradeAttempt(questions, answers, { passMark: 5, bands: DEFAULT_BANDS });
  const items = remedialItems(diagnose(grade, questions, 5));
  if (!items.length) return;

  const submittedAt = new Date(now.getTime() - 10 * DAY);
  const startedAt = new Date(submittedAt.getTime() - 12 * 60_000);
  const roundId = await new TestRoundsRepository(tx.connection).insertRound(
    {
      name: `Kiểm tra nhanh: ${topic.name}`,
      status: 'closed',
      opensAt: new Date(now.getTime() - 20 * DAY),
      closesAt: new Date(now.getTime() - 6 * DAY),
      topicIds: [topic.id],
      passMark: 5,
      blueprint,
      timeLimitMinutes: 15,
      attemptsAllowed: 1,
      reviewMode: 'topics',
      remedialAuto: true,
      remedialDueDays: 14,
      audience: { unitId: learner.unit_id, categories: [], doesCchcWork: null, isLeader: null },
    },
    tx,
  );
  // The attempt, its answers and its submission through the repositories' own statements (result, topic scores, queue).
  const attempts = new AttemptsRepository(tx.connection);
  const attemptId = (await attempts.insertAttempt(
    { roundId: roundId, personId, number: 1, seed: 1718, startedAt, deadlineAt: new Date(startedAt.getTime() + 15 * 60_000), questionIds: questions.map((q) => q.questionId), snapshotIds: await attempts.freezeQuestions(questions, tx), questions },
    tx,
  ))!;
  await attempts.insertAnswers(attemptId, answers, submittedAt, tx);
  await attempts.recordSubmission(
    {
      attemptId,
      submittedAt,
      submittedBy: 'learner',
      score: grade.score,
      band: grade.band,
      passed: grade.passed,
      graded: grade.questions,
      topics: grade.topics,
      counting: 'highest',
      answersFingerprint: (answers.size * (answers.size + 1)) / 2,
      evidenceTopicIds: grade.passed ? [topic.id] : null,
      labels: { topicIds: [], lessonIds: [], documentIds: [] },
    },
    tx,
  );
  const dueDate = remedialDueDate(submittedAt, 14);
  const remedial = new RemedialRepository(tx.connection);
  const assignment = await remedial.insert({ roundId: roundId, personId, attemptId, dueDate, now: submittedAt }, tx);
  await remedial.replaceItems(assignment.id, items, tx);
  const [y, m, d] = dueDate.split('-');
  await tx.query(
    // Sent ten days ago and already seen (read), so the bell starts from what is new.
    `INSERT INTO notification (user_id, kind, title, body, link, dedupe_key, created_at, read_at)
     SELECT id, 'remedial_assigned', $2, $3, $4, $5, $6, $6::timestamptz + interval '1 hour' FROM user_account WHERE person_id = $1`,
    [
      personId,
      `Ôn tập sau kỳ kiểm tra "Kiểm tra nhanh: ${topic.name}"`,
      `Bạn được giao ôn lại ${items.length} bài học, tài liệu ở các chủ đề chưa đạt; hạn hoàn thành ngày ${d}/${m}/${y}. Học xong, bạn được làm bài kiểm tra lại một lần.`,
      `/tests/${roundId}/result`,
      `remedial:${assignment.id}:${dueDate}`,
      submittedAt,
    ],
  );
  log(`demo remedial learning: hocvien must re-study ${items.length} items of "${topic.name}" by ${dueDate}`);
}
