import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { foldVietnamese, formatVerificationCode } from '@cchc/shared';
import { sanitizeLessonHtml } from '../lesson-html';
import { DEMO_COURSES } from './demo-courses';

const DAY = 24 * 3600 * 1000;
const LEARNERS_UNIT = 'Phường Nha Trang';

/**
 * Published demo courses, the province-wide ASEAN assignment (due 31/12/2026), and some progress so the learner and
 * officer pages are not empty: `hocvien` is half-way through the public-service culture course and has completed the
 * administrative-procedure course; a few colleagues in Phường Nha Trang have started or finished the ASEAN course.
 * Runs inside the demo seed's transaction, on an empty database.
 */
export async function seedDemoLearning(tx: EntityManager, now: Date = new Date()): Promise<{ courses: number }> {
  const topics = new Map<string, string>((await tx.query(`SELECT code, id FROM topic`)).map((r: { code: string; id: string }) => [r.code, r.id]));
  const [author] = await tx.query(`SELECT id FROM user_account WHERE username = 'bienson'`);
  const [coordinator] = await tx.query(`SELECT id FROM user_account WHERE username = 'dieuphoi'`);
  const courseIds = new Map<string, { id: string; title: string; hours: number; lessonIds: string[]; topicIds: string[] }>();

  for (const c of DEMO_COURSES) {
    const [{ id }] = await tx.query(
      `INSERT INTO course (title, description, status, estimated_hours, search_text, created_by, published_at, created_at, updated_at)
       VALUES ($1, $2, 'published', $3, $4, $5, $6, $6, $6) RETURNING id`,
      [c.title, c.description, c.hours, foldVietnamese(`${c.title} ${c.description}`), author?.id ?? null, new Date(now.getTime() - 60 * DAY)],
    );
    const topicIds = c.topics.map((code) => {
      const topicId = topics.get(code);
      if (!topicId) throw new Error(`demo course ${c.key}: unknown topic ${code}`);
      return topicId;
    });
    for (const topicId of topicIds) await tx.query(`INSERT INTO course_topic (course_id, topic_id) VALUES ($1, $2)`, [id, topicId]);
    const lessonIds: string[] = [];
    for (const [m, module] of c.modules.entries()) {
      const [{ id: moduleId }] = await tx.query(`INSERT INTO course_module (course_id, title, sort_order) VALUES ($1, $2, $3) RETURNING id`, [id, module.title, m + 1]);
      for (const [l, lesson] of module.lessons.entries()) {
        const [{ id: lessonId }] = await tx.query(
          `INSERT INTO lesson (course_id, module_id, title, kind, body_html, url, duration_minutes, sort_order)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [id, moduleId, lesson.title, lesson.link ? 'link' : 'text', lesson.html ? sanitizeLessonHtml(lesson.html) : null, lesson.link ?? null, lesson.minutes, l + 1],
        );
        lessonIds.push(lessonId);
      }
    }
    courseIds.set(c.key, { id, title: c.title, hours: c.hours, lessonIds, topicIds });
  }

  const asean = courseIds.get('asean')!;
  const [root] = await tx.query(`SELECT id FROM org_unit WHERE level = 'province' ORDER BY code = 'KH' DESC, code LIMIT 1`);
  await tx.query(
    `INSERT INTO course_assignment (course_id, unit_id, due_date, note, created_by, created_at)
     VALUES ($1, $2, '2026-12-31', $3, $4, $5)`,
    [asean.id, root.id, 'Thực hiện chỉ tiêu 100% cán bộ, công chức được bồi dưỡng về Cộng đồng ASEAN (Đề án 1439).', coordinator?.id ?? null, new Date(now.getTime() - 30 * DAY)],
  );

  const progress = async (personId: string, course: { id: string; lessonIds: string[] }, count: number, at: Date) => {
    const done = course.lessonIds.slice(0, count);
    await tx.query(
      `INSERT INTO enrolment (course_id, person_id, source, enrolled_at, last_lesson_id, last_activity_at) VALUES ($1, $2, 'self', $3, $4, $3)`,
      [course.id, personId, at, course.lessonIds[Math.min(count, course.lessonIds.length - 1)]],
    );
    for (const lessonId of done) {
      await tx.query(`INSERT INTO lesson_progress (person_id, lesson_id, course_id, completed_at, updated_at) VALUES ($1, $2, $3, $4, $4)`, [personId, lessonId, course.id, at]);
    }
  };
  const complete = async (personId: string, course: { id: string; title: string; hours: number; lessonIds: string[]; topicIds: string[] }, at: Date) => {
    await progress(personId, course, course.lessonIds.length, at);
    const [person] = await tx.query(`SELECT p.full_name, u.name AS unit_name FROM person p JOIN org_unit u ON u.id = p.unit_id WHERE p.id = $1`, [personId]);
    await tx.query(
      `INSERT INTO course_completion (course_id, person_id, completed_at, certificate_code, person_name, unit_name, course_title, estimated_hours)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [course.id, personId, at, formatVerificationCode(randomBytes(12)), person.full_name, person.unit_name, course.title, course.hours],
    );
    for (const topicId of course.topicIds) {
      await tx.query(
        `INSERT INTO training_evidence (person_id, topic_id, kind, source_type, source_id, occurred_at, details)
         VALUES ($1, $2, 'course_completed', 'course', $3, $4, $5)`,
        [personId, topicId, course.id, at, JSON.stringify({ courseTitle: course.title })],
      );
    }
  };

  const [learner] = await tx.query(`SELECT person_id FROM user_account WHERE username = 'hocvien'`);
  if (learner?.person_id) {
    await progress(learner.person_id, courseIds.get('vhcv')!, 3, new Date(now.getTime() - 3 * DAY));
    await complete(learner.person_id, courseIds.get('tthc')!, new Date(now.getTime() - 12 * DAY));
  }
  // Colleagues of the demo learner: two finished the ASEAN course, three are part-way.
  const colleagues: { id: string }[] = await tx.query(
    `SELECT p.id FROM person p JOIN org_unit u ON u.id = p.unit_id JOIN org_unit w ON u.path LIKE w.path || '%'
      WHERE w.name = $1 AND p.status = 'active' AND p.id IS DISTINCT FROM $2 ORDER BY (u.id = w.id) DESC, p.staff_code LIMIT 5`,
    [LEARNERS_UNIT, learner?.person_id ?? null],
  );
  for (const [i, { id }] of colleagues.entries()) {
    if (i < 2) await complete(id, asean, new Date(now.getTime() - (20 - i) * DAY));
    else await progress(id, asean, i - 1, new Date(now.getTime() - (10 - i) * DAY));
  }
  return { courses: DEMO_COURSES.length };
}
