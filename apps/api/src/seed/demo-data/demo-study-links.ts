/**
 * Which demo lesson and library document teach each demo question, so the demo's result pages recommend real
 * re-study links (issue #11 point 5). Pure and deterministic; the seed reads the rows and writes the links.
 *
 * Lessons: among the text lessons of the demo courses tagged with the question's topic, the one whose words overlap
 * most with the question (stem, right answers, explanation), each shared word weighted by how rare it is among those
 * lessons. A question no lesson shares enough with gets none: its topic's courses are offered instead (fallback).
 * Documents: the source document the question was written from (its tag, else its field): Đề án 1439 → the Hải Dương
 * action plan; QĐ 1847 → Kế hoạch 6861/KH-UBND; QĐ 1718 and the CCHC skills → 1718/QĐ-UBND; the six CCHC fields →
 * the CCHC plan 2855/QĐ-UBND.
 */
import { foldVietnamese } from '@cchc/shared';

export interface LinkableQuestion {
  id: string;
  topicCode: string;
  tags: string[];
  /** Stem, the right options' texts and the explanation. */
  text: string;
}

export interface LinkableLesson {
  id: string;
  topicCodes: string[];
  /** Course title, lesson title and the lesson's text without markup. */
  text: string;
}

export interface LinkableDocument {
  id: string;
  number: string | null;
  title: string;
}

/** Words shorter than this, or these function words, say nothing about what a lesson teaches. */
const MIN_WORD = 2;
const STOP = new Set(
  'va cua cac nhung trong cho la co duoc theo nao sau day mot voi de tai tu khi ve thi khong nhu gi nay do cap cung hoac moi phai nam ngay so can dung sai'.split(' '),
);
/** The overlap a lesson needs (in summed inverse document frequency) to be linked at all. */
export const MIN_LESSON_SCORE = 10;

export const words = (text: string): Set<string> =>
  new Set(
    foldVietnamese(text.replace(/<[^>]+>/g, ' '))
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= MIN_WORD && !STOP.has(w)),
  );

/** Lessons of the question's topic with how much of the question they share, best first. */
export function scoreLessons(question: LinkableQuestion, lessons: LinkableLesson[]): { id: string; score: number }[] {
  const pool = lessons.filter((l) => l.topicCodes.includes(question.topicCode));
  const lessonWords = pool.map((l) => words(l.text));
  const df = new Map<string, number>();
  for (const ws of lessonWords) for (const w of ws) df.set(w, (df.get(w) ?? 0) + 1);
  const asked = words(question.text);
  return pool
    .map((lesson, i) => {
      let score = 0;
      for (const w of asked) if (lessonWords[i].has(w)) score += Math.log((pool.length + 1) / df.get(w)!);
      return { id: lesson.id, score };
    })
    .sort((a, b) => b.score - a.score);
}

/** The best lesson of the question's topic, or null when none shares enough words. */
export function bestLesson(question: LinkableQuestion, lessons: LinkableLesson[]): string | null {
  const [best] = scoreLessons(question, lessons);
  return best && best.score >= MIN_LESSON_SCORE ? best.id : null;
}

/** The source document of a question: by its tag first, then by its topic. */
export function sourceDocument(question: Pick<LinkableQuestion, 'topicCode' | 'tags'>, documents: LinkableDocument[]): string | null {
  const byNumber = (n: string) => documents.find((d) => d.number === n)?.id ?? null;
  const byTitle = (words: string) => documents.find((d) => !d.number && d.title.includes(words))?.id ?? null;
  if (question.tags.includes('Đề án 1439')) return byTitle('Kế hoạch hành động thực hiện Đề án');
  if (question.tags.includes('QĐ 1847')) return byNumber('6861/KH-UBND');
  if (question.tags.includes('QĐ 1718') || question.topicCode.startsWith('CCHC.KN.')) return byNumber('1718/QĐ-UBND');
  if (question.topicCode === 'VHCV') return byNumber('6861/KH-UBND');
  if (question.topicCode.startsWith('CCHC.')) return byNumber('2855/QĐ-UBND');
  return null;
}

/** Links for every question: `{ lessonIds, documentIds }` (each at most one), only for questions that get some. */
export function demoStudyLinks(
  questions: LinkableQuestion[],
  lessons: LinkableLesson[],
  documents: LinkableDocument[],
): Map<string, { lessonIds: string[]; documentIds: string[] }> {
  const out = new Map<string, { lessonIds: string[]; documentIds: string[] }>();
  for (const q of questions) {
    const lesson = bestLesson(q, lessons);
    const document = sourceDocument(q, documents);
    if (lesson || document) out.set(q.id, { lessonIds: lesson ? [lesson] : [], documentIds: document ? [document] : [] });
  }
  return out;
}
