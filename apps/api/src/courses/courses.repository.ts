import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CourseStatus, CourseTopicRef, LessonKind, vietnameseFoldPairs } from '@cchc/shared';
import { viOrder } from '@api/common/database';
import { Course, CourseModule, CourseTopic, Lesson } from './course.entity';

export interface CourseListFilter {
  statuses: CourseStatus[];
  /** Already folded (foldVietnamese). */
  folded?: string;
  /** The topic and its descendants. */
  topicIds?: string[];
  ids?: string[];
}

export interface LessonSearch {
  /** Folded words (foldVietnamese), each of which must appear in the course, module or lesson title. */
  words: string[];
  /** Only these lessons, whatever their course's status (titles of links already chosen). */
  ids?: string[];
  page: number;
  pageSize: number;
}

export interface LessonPickRow {
  id: string;
  title: string;
  kind: LessonKind;
  courseId: string;
  courseTitle: string;
  courseStatus: CourseStatus;
  moduleTitle: string;
}

const FOLD = vietnameseFoldPairs();
const likeWord = (word: string) => `%${word.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export interface CourseRow {
  course: Course;
  topics: CourseTopicRef[];
  lessonCount: number;
}

@Injectable()
export class CoursesRepository {
  constructor(private readonly db: DataSource) {}

  async list(filter: CourseListFilter, manager: EntityManager = this.db.manager): Promise<CourseRow[]> {
    const qb = manager
      .getRepository(Course)
      .createQueryBuilder('c')
      .where('c.status IN (:...statuses)', { statuses: filter.statuses })
      .orderBy(viOrder('c.title'), 'ASC');
    if (filter.folded) qb.andWhere(`c.search_text LIKE :q`, { q: `%${filter.folded.replace(/[\\%_]/g, (m) => `\\${m}`)}%` });
    if (filter.topicIds?.length === 0) return [];
    if (filter.topicIds) qb.andWhere('EXISTS (SELECT 1 FROM course_topic ct WHERE ct.course_id = c.id AND ct.topic_id IN (:...topicIds))', { topicIds: filter.topicIds });
    if (filter.ids) {
      if (!filter.ids.length) return [];
      qb.andWhere('c.id IN (:...ids)', { ids: filter.ids });
    }
    const courses = await qb.getMany();
    return this.withTopicsAndCounts(courses, manager);
  }

  async withTopicsAndCounts(courses: Course[], manager: EntityManager = this.db.manager): Promise<CourseRow[]> {
    if (!courses.length) return [];
    const ids = courses.map((c) => c.id);
    const topics: { course_id: string; id: string; code: string; name: string }[] = await manager.query(
      `SELECT ct.course_id, t.id, t.code, t.name FROM course_topic ct JOIN topic t ON t.id = ct.topic_id
        WHERE ct.course_id = ANY($1::uuid[]) ORDER BY t.sort_order`,
      [ids],
    );
    const counts: { course_id: string; n: number }[] = await manager.query(
      `SELECT course_id, count(*)::int AS n FROM lesson WHERE course_id = ANY($1::uuid[]) GROUP BY course_id`,
      [ids],
    );
    const countOf = new Map(counts.map((r) => [r.course_id, r.n]));
    return courses.map((course) => ({
      course,
      topics: topics.filter((t) => t.course_id === course.id).map(({ id, code, name }) => ({ id, code, name })),
      lessonCount: countOf.get(course.id) ?? 0,
    }));
  }

  findById(id: string, manager: EntityManager = this.db.manager): Promise<Course | null> {
    return manager.findOne(Course, { where: { id } });
  }

  /** Locks the course row: structure edits and completion checks on the same course run one after the other. */
  async lock(id: string, manager: EntityManager): Promise<Course | null> {
    return manager.getRepository(Course).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
  }

  modules(courseId: string, manager: EntityManager = this.db.manager): Promise<CourseModule[]> {
    return manager.getRepository(CourseModule).createQueryBuilder('m').where('m.course_id = :courseId', { courseId }).orderBy('m.sort_order', 'ASC').addOrderBy(viOrder('m.title'), 'ASC').getMany();
  }

  /** Lessons in reading order (module order, then lesson order). */
  async lessons(courseId: string, manager: EntityManager = this.db.manager): Promise<Lesson[]> {
    return manager
      .getRepository(Lesson)
      .createQueryBuilder('l')
      .innerJoin(CourseModule, 'm', 'm.id = l.module_id')
      .where('l.course_id = :courseId', { courseId })
      .orderBy('m.sort_order', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .addOrderBy('l.sort_order', 'ASC')
      .addOrderBy('l.created_at', 'ASC')
      .getMany();
  }

  async lessonIds(courseId: string, manager: EntityManager = this.db.manager): Promise<string[]> {
    return (await this.lessons(courseId, manager)).map((l) => l.id);
  }

  async insertCourse(course: Partial<Course>, manager: EntityManager): Promise<string> {
    const r = await manager.insert(Course, course);
    return r.identifiers[0].id as string;
  }

  async updateCourse(id: string, patch: Partial<Course>, manager: EntityManager): Promise<void> {
    await manager.update(Course, { id }, { ...patch, updatedAt: new Date() });
  }

  async touchCourse(id: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE course SET updated_at = now() WHERE id = $1`, [id]);
  }

  async setTopics(courseId: string, topicIds: string[], manager: EntityManager): Promise<void> {
    await manager.delete(CourseTopic, { courseId });
    if (topicIds.length) await manager.insert(CourseTopic, topicIds.map((topicId) => ({ courseId, topicId })));
  }

  async topicIdsOf(courseId: string, manager: EntityManager = this.db.manager): Promise<string[]> {
    return (await manager.find(CourseTopic, { where: { courseId } })).map((t) => t.topicId);
  }

  async countActiveTopics(ids: string[], manager: EntityManager): Promise<number> {
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM topic WHERE id = ANY($1::uuid[]) AND active`, [ids]);
    return n;
  }

  /**
   * Lessons of any kind for the lesson picker, with their course and module, in course and outline order. Archived
   * courses are left out of a search but not of an `ids` lookup (a link made earlier still shows its title).
   */
  async searchLessons(s: LessonSearch): Promise<{ rows: LessonPickRow[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (s.words.length) params.push(FOLD.from, FOLD.to);
    const folded = `lower(translate(normalize(c.title || ' ' || m.title || ' ' || l.title, NFC), $1::text, $2::text))`;
    for (const word of s.words) {
      params.push(likeWord(word));
      where.push(`${folded} LIKE $${params.length}`);
    }
    if (s.ids) {
      params.push(s.ids);
      where.push(`l.id = ANY($${params.length}::uuid[])`);
    } else where.push(`c.status <> '${CourseStatus.Archived}'`);
    params.push(s.pageSize, (s.page - 1) * s.pageSize);
    const rows: (LessonPickRow & { total: number })[] = await this.db.query(
      `SELECT l.id, l.title, l.kind, c.id AS "courseId", c.title AS "courseTitle", c.status AS "courseStatus", m.title AS "moduleTitle",
              count(*) OVER ()::int AS total
         FROM lesson l JOIN course c ON c.id = l.course_id JOIN course_module m ON m.id = l.module_id
        WHERE ${where.join(' AND ')}
        ORDER BY ${viOrder('c.title')}, c.id, m.sort_order, l.sort_order
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
  }

  async testRoundExists(id: string, manager: EntityManager): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM test_round WHERE id = $1`, [id])).length > 0;
  }

  findModule(id: string, manager: EntityManager = this.db.manager): Promise<CourseModule | null> {
    return manager.findOne(CourseModule, { where: { id } });
  }

  async insertModule(module: Partial<CourseModule>, manager: EntityManager): Promise<string> {
    const [{ n }] = await manager.query(`SELECT coalesce(max(sort_order), 0) + 1 AS n FROM course_module WHERE course_id = $1`, [module.courseId]);
    const r = await manager.insert(CourseModule, { ...module, sortOrder: Number(n) });
    return r.identifiers[0].id as string;
  }

  async updateModule(id: string, patch: Partial<CourseModule>, manager: EntityManager): Promise<void> {
    await manager.update(CourseModule, { id }, patch);
  }

  async deleteModule(id: string, manager: EntityManager): Promise<void> {
    await manager.delete(CourseModule, { id });
  }

  findLesson(id: string, manager: EntityManager = this.db.manager): Promise<Lesson | null> {
    return manager.findOne(Lesson, { where: { id } });
  }

  lessonsOfModule(moduleId: string, manager: EntityManager): Promise<Lesson[]> {
    return manager.find(Lesson, { where: { moduleId } });
  }

  async insertLesson(lesson: Partial<Lesson>, manager: EntityManager): Promise<string> {
    const [{ n }] = await manager.query(`SELECT coalesce(max(sort_order), 0) + 1 AS n FROM lesson WHERE module_id = $1`, [lesson.moduleId]);
    const r = await manager.insert(Lesson, { ...lesson, sortOrder: Number(n) });
    return r.identifiers[0].id as string;
  }

  async updateLesson(id: string, patch: Partial<Lesson>, manager: EntityManager): Promise<void> {
    await manager.update(Lesson, { id }, { ...patch, updatedAt: new Date() });
  }

  async deleteLesson(id: string, manager: EntityManager): Promise<void> {
    await manager.delete(Lesson, { id });
  }

  /** Files still referenced by a lesson; a file no lesson points at may be removed from storage. */
  async fileInUse(key: string, manager: EntityManager = this.db.manager): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM lesson WHERE file_key = $1 LIMIT 1`, [key]);
    return rows.length > 0;
  }
}
