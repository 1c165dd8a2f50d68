import { DEMO_COURSES } from '@api/courses';
import { DEMO_DOCUMENTS } from '../demo-library/demo-library';
import { DEMO_QUESTIONS, demoQuestionContent } from './demo-questions';
import { bestLesson, demoStudyLinks, LinkableLesson, LinkableQuestion, scoreLessons, sourceDocument } from './demo-study-links';

const lessons: LinkableLesson[] = DEMO_COURSES.flatMap((c) =>
  c.modules.flatMap((m) => m.lessons.filter((l) => l.html).map((l) => ({ id: `${c.key}/${l.title}`, topicCodes: c.topics, text: `${c.title} ${l.title} ${l.html}` }))),
);
const questions: LinkableQuestion[] = DEMO_QUESTIONS.map((q, i) => {
  const c = demoQuestionContent(q);
  const right = c.options.filter((o) => c.correct.includes(o.id)).map((o) => o.text);
  return { id: String(i), topicCode: q.topic, tags: q.tags, text: [q.stem, ...right, q.explanation].join(' ') };
});
const documents = DEMO_DOCUMENTS.map((d) => ({ id: d.key, number: d.number, title: d.title }));
const byStem = (start: string) => questions[DEMO_QUESTIONS.findIndex((q) => q.stem.startsWith(start))];

describe('demo study links', () => {
  const links = demoStudyLinks(questions, lessons, documents);

  it('links questions to the lesson that teaches them', () => {
    expect(bestLesson(byStem('Theo Đề án 1439, đến năm 2025 tỷ lệ'), lessons)).toBe('asean/Mục tiêu đến năm 2025');
    expect(bestLesson(byStem('Theo Kế hoạch hành động thực hiện Đề án 1439, giai đoạn I'), lessons)).toBe('asean/Lộ trình và báo cáo kết quả');
    // Administrative skills: the Nghị định 30 questions go to the lessons on documents, not to a lesson on Đề án 1439.
    expect(bestLesson(byStem('Những yếu tố nào thuộc thể thức bắt buộc'), lessons)).toBe('knhc/Thể thức văn bản hành chính');
    expect(bestLesson(byStem('Phông chữ dùng để trình bày văn bản hành chính'), lessons)).toBe('knhc/Kỹ thuật trình bày văn bản');
    expect(bestLesson(byStem('Theo ma trận quản lý thời gian'), lessons)).toBe('knhc/Quản lý thời gian');
  });

  it('only within the courses of the question\'s topic, and not at all when nothing is shared', () => {
    const asean = byStem('Hiệp hội các quốc gia Đông Nam Á');
    expect(bestLesson({ ...asean, topicCode: 'CCHC.KN.BAOCAO' }, lessons)).toBeNull();
    expect(bestLesson({ ...asean, text: 'xyz qwv' }, lessons)).toBeNull();
    for (const [i, l] of links) if (l.lessonIds.length) expect(lessons.find((x) => x.id === l.lessonIds[0])!.topicCodes).toContain(questions[Number(i)].topicCode);
  });

  it('links each question to its source document by tag or field', () => {
    expect(sourceDocument({ topicCode: 'ASEAN', tags: ['Đề án 1439'] }, documents)).toBe('000');
    expect(sourceDocument({ topicCode: 'VHCV', tags: ['QĐ 1847'] }, documents)).toBe('001');
    expect(sourceDocument({ topicCode: 'CCHC', tags: ['QĐ 1718'] }, documents)).toBe('002');
    expect(sourceDocument({ topicCode: 'CCHC.KN.BAOCAO', tags: [] }, documents)).toBe('002');
    expect(sourceDocument({ topicCode: 'CCHC.TTHC', tags: [] }, documents)).toBe('004');
    expect(sourceDocument({ topicCode: 'ASEAN', tags: [] }, documents)).toBeNull();
  });

  it('most of the demo bank gets a lesson where a demo course teaches its topic', () => {
    const taught = questions.filter((q) => lessons.some((l) => l.topicCodes.includes(q.topicCode)));
    const linked = taught.filter((q) => links.get(q.id)?.lessonIds.length);
    if (process.env.SHOW_LINKS)
      for (const q of questions) process.stdout.write(`${q.topicCode}\t${(scoreLessons(q, lessons)[0]?.score ?? 0).toFixed(1)}\t${links.get(q.id)?.lessonIds[0] ?? '—'}\t${q.text.slice(0, 70)}\n`);
    expect(linked.length / taught.length).toBeGreaterThan(0.5);
  });
});
