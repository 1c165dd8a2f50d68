import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  checkParsedQuestions,
  Difficulty,
  DIFFICULTY_LABELS,
  ImportedQuestion,
  parseAiken,
  parseGift,
  QuestionFileFormat,
  QuestionFormat,
  QuestionImportProblem,
  QuestionImportReportDto,
  QuestionParseResult,
  QuestionImportCategoryDto,
  QuestionImportUnsupportedDto,
  QuestionStatus,
  QuestionType,
  optionLabel,
  visibleText,
  readQuestionSheet,
  UNSUPPORTED_KIND_LABELS,
  UnsupportedQuestionKind,
  writeGift,
} from '@cchc/shared';
import type { AuthUser } from '@api/common/auth';
import { AccessService, ownerContentScope } from '@api/common/access';
import { AuditAction, AuditService } from '@api/audit';
import { TopicsRepository } from '@api/topics';
import { QuestionImportQuery } from './dto/question.dto';
import { questionBankError, QuestionBankErrorCode as E } from './question-bank.exception';
import { QuestionRow } from './question-bank.repository';
import { normalizeTags, QuestionBankService, QuestionContent } from './question-bank.service';
import { parseMoodleXml } from './moodle-xml';
import { normalizeQuestionTexts, QUESTION_IMAGE_PATH, questionTexts, storedImageIds } from './question-html';
import { extractImages, ImageCollector } from './question-images';
import { QuestionImagesService } from './question-images.service';
import { buildQuestionExport, buildQuestionTemplate, QuestionSheetError, readQuestionWorkbook } from './question-spreadsheet';

export interface UploadedQuestionFile {
  fileName: string;
  buffer: Buffer;
}

const FORMAT_NAMES: Record<QuestionFileFormat, string> = {
  [QuestionFileFormat.Excel]: 'Excel (.xlsx)',
  [QuestionFileFormat.Gift]: 'GIFT',
  [QuestionFileFormat.Aiken]: 'Aiken',
  [QuestionFileFormat.MoodleXml]: 'Moodle XML',
};

const FILE_LEVEL = new Set(['EMPTY_FILE', 'MISSING_COLUMNS']);

/** Text files as people save them: UTF-8 with or without BOM, or UTF-16 with BOM ("Unicode Text"). */
function decodeText(buffer: Buffer): string {
  try {
    if (buffer[0] === 0xff && buffer[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(buffer.subarray(2));
    if (buffer[0] === 0xfe && buffer[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(buffer.subarray(2));
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw questionBankError(E.FileUnreadable, 'Tệp văn bản không ở mã UTF-8. Hãy lưu lại tệp với mã hoá UTF-8 rồi tải lên.');
  }
}

/**
 * Question import: the dry run reads the whole file and lists every problem with its row or line; the commit
 * checks again and writes every question in one transaction, or none (422 with the same report).
 */
@Injectable()
export class QuestionImportService {
  constructor(
    private readonly db: DataSource,
    private readonly bank: QuestionBankService,
    private readonly topics: TopicsRepository,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly images: QuestionImagesService,
  ) {}

  /** Checks a file as it would be imported into the caller's bank (topics: their province's and the nation's). */
  async dryRun(user: AuthUser, file: UploadedQuestionFile, options: QuestionImportQuery): Promise<QuestionImportReportDto> {
    return (await this.check(await this.access.contentOwnerOf(user), file, options)).report;
  }

  async commit(user: AuthUser, file: UploadedQuestionFile, options: QuestionImportQuery): Promise<QuestionImportReportDto> {
    const owner = await this.access.contentOwnerOf(user);
    // Image files are written before the transaction commits; if it does not, they are removed again.
    const storedFiles: string[] = [];
    try {
      return await this.commitIn(user, owner, file, options, storedFiles);
    } catch (e) {
      await this.images.discard(storedFiles);
      throw e;
    }
  }

  private commitIn(user: AuthUser, owner: string | null, file: UploadedQuestionFile, options: QuestionImportQuery, storedFiles: string[]): Promise<QuestionImportReportDto> {
    return this.db.transaction(async (tx) => {
      // The file may name stored images: the sweep of unused ones waits until these questions are committed.
      await this.images.holdAgainstSweep(tx);
      const { report, contents, images } = await this.check(owner, file, options);
      if (report.unsupported.length && !options.skipUnsupported) {
        const count = report.unsupported.reduce((n, u) => n + u.count, 0);
        throw questionBankError(
          E.UnsupportedNotConfirmed,
          `Tệp có ${count} câu hỏi loại chưa hỗ trợ (${report.unsupported.map((u) => `${u.label}: ${u.count}`).join('; ')}); hãy xác nhận bỏ qua các câu này rồi nhập lại. Chưa có câu hỏi nào được ghi.`,
          report,
        );
      }
      if (report.problems.length) {
        throw questionBankError(E.ImportHasErrors, `Tệp có ${report.problems.length} lỗi; chưa có câu hỏi nào được ghi. Hãy sửa các lỗi rồi nhập lại.`,
          report,
        );
      }
      await this.images.store(images, owner, user, tx, storedFiles);
      const codes: string[] = [];
      for (const c of contents) codes.push((await this.bank.insert(user, owner, c, report.status, tx)).code);
      await this.audit.record(
        user,
        {
          action: AuditAction.Import,
          entityType: 'question',
          summary: `Nhập ${codes.length} câu hỏi từ tệp ${FORMAT_NAMES[options.format]} "${file.fileName}"`,
          details: { fileName: file.fileName, format: options.format, status: report.status, codes, images: images.length },
        },
        tx,
      );
      return { ...report, committed: true, createdCodes: codes };
    });
  }

  private async parse(file: UploadedQuestionFile, format: QuestionFileFormat): Promise<QuestionParseResult> {
    if (format === QuestionFileFormat.Excel) {
      const sheet = await readQuestionWorkbook(file.buffer).catch((e: unknown) => {
        if (e instanceof QuestionSheetError) throw questionBankError(E.FileUnreadable, e.message);
        throw e;
      });
      return readQuestionSheet(sheet.header, 1, sheet.rows);
    }
    const text = decodeText(file.buffer);
    if (format === QuestionFileFormat.MoodleXml) return parseMoodleXml(text);
    return format === QuestionFileFormat.Gift ? parseGift(text) : parseAiken(text);
  }

  private async check(owner: string | null, file: UploadedQuestionFile, options: QuestionImportQuery) {
    const mapping = categoryMapping(options.categoryTopics);
    const all = await this.parse(file, options.format);
    // Questions of types the bank does not hold are listed apart; the rest of the file is checked as usual.
    const unsupportedProblems = all.problems.filter((p) => p.unsupportedKind);
    const parsed: QuestionParseResult = { questions: all.questions, problems: all.problems.filter((p) => !p.unsupportedKind) };
    const topics = await this.topics.list(ownerContentScope(owner), true);
    const byCode = new Map(topics.map((t) => [t.code.toUpperCase(), t]));
    const defaultTopic = options.topicCode ? byCode.get(options.topicCode.toUpperCase()) : undefined;
    const problems: QuestionImportProblem[] = [];
    if (options.topicCode && !defaultTopic) problems.push({ position: 0, code: 'TOPIC_NOT_FOUND', message: `Chủ đề mặc định "${options.topicCode}" không có trong hệ thống.` });
    for (const [category, code] of mapping)
      if (!byCode.has(code.toUpperCase())) problems.push({ position: 0, code: 'TOPIC_NOT_FOUND', message: `Danh mục "${category}" được gán cho chủ đề "${code}", nhưng chủ đề này không có trong hệ thống.` });

    // A Moodle category (GIFT $CATEGORY, Moodle XML) maps to a topic: the author's choice in the mapping step, else its
    // last segment when that is one of our topic codes, else the default topic (a real Moodle export says "Default for
    // …": it must not block every question after it).
    const categoryFormat = options.format === QuestionFileFormat.Gift || options.format === QuestionFileFormat.MoodleXml;
    const resolveCategory = (q: ImportedQuestion): { topic: (typeof topics)[number] | undefined; source: QuestionImportCategoryDto['source'] } => {
      const mapped = q.category ? mapping.get(q.category) : undefined;
      if (mapped) return { topic: byCode.get(mapped.toUpperCase()), source: 'mapping' };
      const code = q.topicCode?.toUpperCase();
      const byTopicCode = code ? byCode.get(code) : undefined;
      if (byTopicCode) return { topic: byTopicCode, source: 'code' };
      if (!code || categoryFormat) return { topic: defaultTopic, source: defaultTopic ? 'default' : null };
      return { topic: undefined, source: null };
    };

    // Our own image addresses in the file (an export of this platform) must be images this bank's learners can see.
    const usable = await this.images.usableIn(owner, storedImageIds(parsed.questions.filter((q) => q.format === QuestionFormat.Html).flatMap(questionTexts)));
    const contents: QuestionContent[] = [];
    const images = new ImageCollector();
    const bad = new Set<number>();
    const resolved = new Map<number, string>();
    const categories = new Map<string, QuestionImportCategoryDto>();
    for (const parsedQuestion of parsed.questions) {
      // Embedded images become file URLs before sanitising (which keeps only stored images); a broken one is a problem.
      const { question: q, problems: imageProblems } = withStoredImages(parsedQuestion, images, (id) => usable.has(id));
      for (const message of imageProblems) problems.push({ position: q.position, code: 'IMAGE_INVALID', message: `Dòng ${q.position}: ${message}` });
      if (imageProblems.length) bad.add(q.position);
      const { topic, source } = resolveCategory(q);
      if (q.category) {
        const c = categories.get(q.category) ?? { category: q.category, count: 0, topicCode: topic?.code ?? null, source: topic ? source : null };
        c.count++;
        categories.set(q.category, c);
      }
      if (!topic) {
        bad.add(q.position);
        const code = q.topicCode;
        problems.push({
          position: q.position,
          code: 'TOPIC_NOT_FOUND',
          message: q.category && categoryFormat
            ? `Dòng ${q.position}: danh mục Moodle "${q.category}" chưa gắn với chủ đề nào; hãy chọn chủ đề cho danh mục này (hoặc chủ đề mặc định).`
            : !code
              ? `Dòng ${q.position}: chưa xác định chủ đề; hãy chọn chủ đề mặc định khi nhập hoặc ghi $CATEGORY: <mã chủ đề> trong tệp.`
              : `Dòng ${q.position}: mã chủ đề "${code}" không có trong hệ thống.`,
        });
        continue;
      }
      resolved.set(q.position, topic.code);
      if (!imageProblems.length) contents.push(toContent(q, topic.id, options.difficulty ?? Difficulty.Medium));
    }
    const content = checkParsedQuestions(parsed).map((p) => (p.message.startsWith('Dòng ') || FILE_LEVEL.has(p.code) ? p : { ...p, message: `Dòng ${p.position}: ${p.message}` }));
    for (const p of content) bad.add(p.position);
    problems.push(...content);
    problems.sort((a, b) => a.position - b.position);

    const unsupported = new Map<UnsupportedQuestionKind, QuestionImportUnsupportedDto>();
    for (const p of unsupportedProblems) {
      const kind = p.unsupportedKind!;
      const u = unsupported.get(kind) ?? { kind, label: UNSUPPORTED_KIND_LABELS[kind], count: 0, positions: [] };
      u.count++;
      u.positions.push(p.position);
      unsupported.set(kind, u);
    }

    const report: QuestionImportReportDto = {
      fileName: file.fileName,
      format: options.format,
      total: parsed.questions.length + new Set(parsed.problems.filter((p) => !FILE_LEVEL.has(p.code)).map((p) => p.position)).size + unsupportedProblems.length,
      valid: parsed.questions.filter((q) => !bad.has(q.position)).length,
      problems,
      questions: parsed.questions.map((q) => ({
        position: q.position,
        topicCode: resolved.get(q.position) ?? q.topicCode ?? defaultTopic?.code ?? null,
        type: q.type,
        difficulty: q.difficulty ?? options.difficulty ?? Difficulty.Medium,
        stem: ((s) => (s.length > 200 ? `${s.slice(0, 200)}…` : s))(visibleText(q.format, q.stem)),
        ok: !bad.has(q.position),
      })),
      status: options.publish ? QuestionStatus.Published : QuestionStatus.Draft,
      committed: false,
      createdCodes: [],
      categories: [...categories.values()],
      unsupported: [...unsupported.values()],
    };
    return { report, contents, images: images.images };
  }

  /** The template's topic sheet lists the topics the caller may file questions under. */
  async template(user: AuthUser): Promise<Buffer> {
    return buildQuestionTemplate(await this.topicList(user));
  }

  async exportXlsx(user: AuthUser, rows: QuestionRow[]): Promise<Buffer> {
    return buildQuestionExport(
      rows.map((r) => ({ code: r.question.code, topicCode: r.topicCode, type: r.version.type, difficulty: r.version.difficulty, ...asText(r.version), correct: r.version.correct, tags: r.question.tags })),
      await this.topicList(user),
    );
  }

  /** GIFT with each stored image the exporter may read embedded as a `data:` URL, so the file carries its pictures. */
  async exportGift(user: AuthUser, rows: QuestionRow[], header: string): Promise<string> {
    const embedded = await this.images.embedded(user, rows.filter((r) => r.version.format === QuestionFormat.Html).flatMap((r) => questionTexts(r.version)));
    // A stored image's source attribute as the sanitiser writes it (double-quoted) becomes its data: URL.
    const embed = (html: string) =>
      storedImageIds([html]).reduce((h, id) => (embedded.has(id) ? h.split(`src="${QUESTION_IMAGE_PATH}${id}"`).join(`src="${embedded.get(id)}"`) : h), html);
    return writeGift(
      rows.map((r) => ({
        code: r.question.code,
        topicCode: r.topicCode,
        type: r.version.type,
        format: r.version.format,
        stem: embed(r.version.stem),
        options: r.version.options.map((o) => (o.feedback ? { ...o, text: embed(o.text), feedback: embed(o.feedback) } : { ...o, text: embed(o.text) })),
        correct: r.version.correct,
        explanation: r.version.explanation && embed(r.version.explanation),
        note: `${r.question.code} · ${DIFFICULTY_LABELS[r.version.difficulty].vi}${r.question.tags.length ? ` · ${r.question.tags.join(', ')}` : ''}`,
      })),
      header,
    );
  }

  private async topicList(user: AuthUser) {
    return (await this.topics.list(await this.access.contentScopeOf(user), false)).map((t) => ({ code: t.code, name: t.name }));
  }
}

/** An HTML question with its embedded images pointed at the files they will be stored as, and what is wrong with them. */
function withStoredImages(q: ImportedQuestion, images: ImageCollector, usable: (id: string) => boolean): { question: ImportedQuestion; problems: string[] } {
  if (q.format !== QuestionFormat.Html) return { question: q, problems: [] };
  const problems: string[] = [];
  const fix = (html: string, where: string) => {
    const r = extractImages(html, images, usable);
    problems.push(...r.problems.map((p) => `${where}: ${p}`));
    return r.html;
  };
  const options = q.options.map((o, i) => {
    const letter = q.type === QuestionType.TrueFalse ? o.text : optionLabel(i);
    const text = fix(o.text, `phương án ${letter}`);
    return o.feedback ? { ...o, text, feedback: fix(o.feedback, `phản hồi của phương án ${letter}`) } : { ...o, text };
  });
  const question = { ...q, stem: fix(q.stem, 'nội dung câu hỏi'), options, explanation: q.explanation ? fix(q.explanation, 'phần giải thích') : null };
  return { question, problems };
}

function toContent(q: ImportedQuestion, topicId: string, fallbackDifficulty: Difficulty): QuestionContent {
  // Every import path goes through the same normalisation as authoring: HTML sanitised, formatting-free HTML as text.
  const texts = normalizeQuestionTexts({ format: q.format ?? QuestionFormat.Plain, stem: q.stem, options: q.options, explanation: q.explanation });
  return {
    topicId,
    type: q.type,
    difficulty: q.difficulty ?? fallbackDifficulty,
    format: texts.format,
    stem: texts.stem,
    options: texts.options,
    correct: q.correct,
    explanation: texts.explanation,
    lessonIds: [],
    documentIds: [],
    tags: normalizeTags(q.tags),
  };
}

/**
 * A version's texts for a spreadsheet: HTML read as text (list items bulleted, table cells separated), and each
 * option's feedback after the explanation ("Phương án B: …"), so nothing the author wrote is lost.
 */
function asText(v: Pick<QuestionContent, 'format' | 'stem' | 'options' | 'explanation' | 'type'>) {
  const t = (s: string) => visibleText(v.format, s);
  const feedback = v.options.flatMap((o, i) => (o.feedback ? [`Phương án ${v.type === QuestionType.TrueFalse ? o.text : optionLabel(i)}: ${t(o.feedback)}`] : []));
  return {
    stem: t(v.stem),
    options: v.options.map((o) => ({ id: o.id, text: t(o.text) })),
    explanation: [v.explanation ? t(v.explanation) : '', ...feedback].filter(Boolean).join('\n') || null,
  };
}

/** The mapping step's answer: a JSON object of Moodle category path → topic code. */
function categoryMapping(json: string | undefined): Map<string, string> {
  if (!json) return new Map();
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw questionBankError(E.BadCategoryMapping, 'Bảng gán danh mục Moodle với chủ đề không đọc được (cần một đối tượng JSON: danh mục → mã chủ đề).');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string' || !v.trim() || v.length > 50))
    throw questionBankError(E.BadCategoryMapping, 'Bảng gán danh mục Moodle với chủ đề phải gán mỗi danh mục với một mã chủ đề.');
  return new Map(Object.entries(value as Record<string, string>).map(([k, v]) => [k, v.trim()]));
}
