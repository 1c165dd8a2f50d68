/**
 * Aiken: the simplest plain-text format Moodle reads — single-choice questions only.
 *
 *   Cộng đồng ASEAN được thành lập năm nào?
 *   A. 2010
 *   B) 2015
 *   ANSWER: B
 *
 * A stem may run over several lines; options are consecutive letters from A; a blank line between questions is optional.
 */
import { QuestionType } from './question';
import { EMPTY_FILE_PROBLEM, ImportedQuestion, QuestionImportProblem, QuestionParseResult } from './question-import';
import { optionLabel, optionsFromTexts } from './question-rules';

const OPTION = /^([A-Za-z])\s*[.)]\s*(.*)$/;
const ANSWER = /^ANSWER\s*:\s*(.*)$/i;

export function parseAiken(input: string): QuestionParseResult {
  const lines = input.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const questions: ImportedQuestion[] = [];
  const problems: QuestionImportProblem[] = [];
  let current: { start: number; stem: string[]; options: string[]; broken: boolean } | null = null;
  const fail = (position: number, code: string, message: string) => problems.push({ position, code, message });

  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.trim();
    if (!line) return;
    const answer = ANSWER.exec(line);
    const option = OPTION.exec(line);
    if (answer) {
      if (!current) return fail(n, 'AIKEN_ANSWER_WITHOUT_QUESTION', `Dòng ${n}: dòng ANSWER không thuộc câu hỏi nào.`);
      const q = current;
      current = null;
      if (q.broken) return;
      if (!q.options.length) return fail(q.start, 'AIKEN_NO_OPTIONS', `Dòng ${q.start}: câu hỏi không có phương án nào (A. …, B. …).`);
      const value = answer[1].trim().toUpperCase();
      if (!/^[A-Z]$/.test(value))
        return fail(n, 'AIKEN_BAD_ANSWER', `Dòng ${n}: ANSWER phải là một chữ cái (A, B, …); định dạng Aiken chỉ có một đáp án đúng, nhận được "${answer[1].trim()}".`);
      const index = value.charCodeAt(0) - 65;
      if (index >= q.options.length)
        return fail(n, 'AIKEN_ANSWER_OUT_OF_RANGE', `Dòng ${n}: đáp án ${value} không có trong các phương án A–${optionLabel(q.options.length - 1)}.`);
      const options = optionsFromTexts(q.options);
      questions.push({
        position: q.start,
        title: null,
        topicCode: null,
        type: QuestionType.Single,
        difficulty: null,
        stem: q.stem.join('\n'),
        options,
        correct: [options[index].id],
        explanation: null,
        tags: [],
      });
      return;
    }
    if (option && current && current.stem.length) {
      const letter = option[1].toUpperCase();
      const expected = optionLabel(current.options.length);
      if (letter !== expected) {
        if (!current.broken) fail(n, 'AIKEN_OPTION_ORDER', `Dòng ${n}: phương án "${option[1]}" không đúng thứ tự; phương án tiếp theo phải là ${expected}.`);
        current.broken = true;
        return;
      }
      current.options.push(option[2].trim());
      return;
    }
    if (current && current.options.length) {
      // A new stem while options were open: the previous question never got its ANSWER line.
      if (!current.broken) fail(current.start, 'AIKEN_NO_ANSWER', `Dòng ${current.start}: câu hỏi thiếu dòng "ANSWER: …".`);
      current = null;
    }
    if (!current) current = { start: n, stem: [], options: [], broken: false };
    current.stem.push(line);
  });
  const last = current as { start: number; broken: boolean } | null;
  if (last && !last.broken) fail(last.start, 'AIKEN_NO_ANSWER', `Dòng ${last.start}: câu hỏi thiếu dòng "ANSWER: …".`);
  if (!questions.length && !problems.length) problems.push(EMPTY_FILE_PROBLEM);
  problems.sort((a, b) => a.position - b.position);
  return { questions, problems };
}

export function writeAiken(questions: readonly { stem: string; options: { id: string; text: string }[]; correct: string[] }[]): string {
  return questions
    .map((q) => {
      const index = q.options.findIndex((o) => o.id === q.correct[0]);
      return [q.stem.replace(/\s*\n\s*/g, ' '), ...q.options.map((o, i) => `${optionLabel(i)}. ${o.text}`), `ANSWER: ${optionLabel(index)}`].join('\n');
    })
    .join('\n\n');
}
