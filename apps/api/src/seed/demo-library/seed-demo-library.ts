import { DataSource } from 'typeorm';
import { DOCUMENT_FORMAT_INFO, DocumentFormat, DocumentStatus, QaStatus, toSearchText } from '@cchc/shared';
import { searchBody, searchHead } from '@api/library';
import { renderTextPdf } from '@api/library';
import { extractText } from '@api/library';
import { loadConfig } from '@api/config';
import { StoredFile } from '@api/storage';
import { createFileStorage } from '@api/storage';
import { DEMO_DOCUMENTS, DEMO_FAQ } from './demo-library';

/**
 * Puts the source documents into the library (as real PDFs, whose text is extracted like any upload) and the FAQ
 * into the Q&A channel, once, in a database that holds the demo province and no library yet. Files are rendered
 * before the transaction and removed again if it writes nothing.
 */
export async function seedDemoLibrary(db: DataSource, log: (m: string) => void = () => {}): Promise<boolean> {
  const [{ demo, empty }] = await db.query(
    `SELECT EXISTS (SELECT 1 FROM user_account WHERE username = 'hocvien') AS demo,
            NOT EXISTS (SELECT 1 FROM library_document) AND NOT EXISTS (SELECT 1 FROM qa_question) AS empty`,
  );
  if (!demo || !empty) return false;
  const started = Date.now();
  const storage = createFileStorage(loadConfig().fileStore, db);
  const files: { doc: (typeof DEMO_DOCUMENTS)[number]; stored: StoredFile; text: string | null }[] = [];
  for (const doc of DEMO_DOCUMENTS) {
    const heading = [doc.issuer.toUpperCase(), doc.number ? `Số: ${doc.number}` : null].filter(Boolean).join(' — ');
    const pdf = await renderTextPdf(heading, doc.text, { title: doc.title, author: doc.issuer });
    files.push({ doc, stored: await storage.put(pdf, doc.fileName), text: await extractText(DocumentFormat.Pdf, pdf) });
  }
  let written = false;
  try {
    written = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(727004)');
      const [{ n }] = await tx.query(`SELECT (SELECT count(*) FROM library_document) + (SELECT count(*) FROM qa_question) AS n`);
      if (Number(n) > 0) return false;
      const topics = new Map<string, { id: string; name: string }>(
        (await tx.query(`SELECT code, id, name FROM topic`)).map((t: { code: string; id: string; name: string }) => [t.code, t]),
      );
      const [{ id: authorId }] = await tx.query(`SELECT id FROM user_account WHERE username = 'bienson'`);
      for (const { doc, stored, text } of files) {
        const topic = topics.get(doc.topicCode) ?? null;
        await tx.query(
          `INSERT INTO library_document (number, title, issuer, issued_on, effective_on, topic_id, type, status, summary, file_key, file_name,
                                         format, content_type, size, sha256, content_text, search_head, search_body, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
          [
            doc.number, doc.title, doc.issuer, doc.issuedOn, doc.effectiveOn, topic?.id ?? null, doc.type, DocumentStatus.InForce, doc.summary,
            stored.key, doc.fileName, DocumentFormat.Pdf, DOCUMENT_FORMAT_INFO[DocumentFormat.Pdf].contentType, stored.size, stored.sha256,
            text ?? '', searchHead({ ...doc, topicName: topic?.name }), searchBody(text), authorId ?? null,
          ],
        );
      }
      const [learner] = await tx.query(
        `SELECT a.id, a.display_name AS name, a.unit_id AS "unitId" FROM user_account a WHERE a.username = 'hocvien'`,
      );
      const [answerer] = await tx.query(`SELECT id, display_name AS name FROM user_account WHERE username = 'bienson'`);
      const insert = (q: { topicCode: string; title: string; body: string; answer: string | null; published: boolean; asker: boolean; daysAgo: number }) => {
        const topic = topics.get(q.topicCode) ?? null;
        return tx.query(
          `INSERT INTO qa_question (asker_id, asker_name, asker_unit_id, topic_id, title, body, status, answer, answered_by, answered_by_name,
                                    answered_at, published, published_at, search_text, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
                   CASE WHEN $8::text IS NULL THEN NULL ELSE now() - make_interval(days => $13::int - 1) END,
                   $11, CASE WHEN $11::boolean THEN now() - make_interval(days => greatest($13::int - 2, 0)) END,
                   $12, now() - make_interval(days => $13::int))`,
          [
            q.asker ? learner.id : null, q.asker ? learner.name : null, q.asker ? learner.unitId : null, topic?.id ?? null, q.title, q.body,
            q.answer ? QaStatus.Answered : QaStatus.Open, q.answer, q.answer ? answerer.id : null, q.answer ? answerer.name : null, q.published,
            toSearchText([q.title, q.body, q.answer, topic?.name].filter(Boolean).join(' ')), q.daysAgo,
          ],
        );
      };
      let daysAgo = 60;
      for (const faq of DEMO_FAQ) await insert({ ...faq, published: true, asker: false, daysAgo: (daysAgo -= 7) });
      // The demo learner's own questions: one answered privately, one still waiting in the inbox.
      await insert({
        topicCode: 'CCHC.TTHC',
        title: 'Hồ sơ nộp trực tuyến có cần nộp thêm bản giấy không?',
        body: 'Người dân nộp hồ sơ qua Cổng dịch vụ công, bộ phận một cửa phường có được yêu cầu họ mang thêm bản giấy đến không ạ?',
        answer:
          'Với hồ sơ đã nộp trực tuyến hợp lệ (đủ thành phần, được ký số hoặc xác thực theo quy định), bộ phận một cửa không yêu cầu người dân nộp lại bản giấy, trừ giấy tờ mà quy định của thủ tục hành chính đó buộc phải xuất trình bản gốc để đối chiếu khi nhận kết quả. Anh/chị kiểm tra thành phần hồ sơ trong quyết định công bố thủ tục hành chính của tỉnh.',
        published: false,
        asker: true,
        daysAgo: 6,
      });
      await insert({
        topicCode: 'CCHC.CQS',
        title: 'Phường có được dùng chữ ký số cá nhân để ký văn bản điện tử không?',
        body: 'Tôi được cấp chữ ký số cá nhân. Khi ký văn bản gửi qua hệ thống quản lý văn bản thì có giá trị như bản giấy có chữ ký tay không?',
        answer: null,
        published: false,
        asker: true,
        daysAgo: 2,
      });
      return true;
    });
  } finally {
    if (!written) for (const { stored } of files) await storage.remove(stored.key).catch(() => undefined);
  }
  if (written) log(`demo library seeded: ${files.length} documents, ${DEMO_FAQ.length} FAQ entries in ${Date.now() - started} ms`);
  return written;
}
