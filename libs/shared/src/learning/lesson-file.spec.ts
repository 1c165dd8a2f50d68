import { LessonKind } from './course';
import { checkLessonFile, MB } from './lesson-file';

const bytes = (...b: number[]) => Uint8Array.from([...b, ...new Array(16).fill(0)]);
const PDF = bytes(0x25, 0x50, 0x44, 0x46, 0x2d);
const ZIP = bytes(0x50, 0x4b, 0x03, 0x04);
const MP4 = bytes(0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70);

describe('lesson files', () => {
  it('accepts a PDF, office files and MP4 video with matching content', () => {
    expect(checkLessonFile(LessonKind.Document, 'Tai lieu.PDF', 1000, PDF)).toMatchObject({ ok: true, mime: 'application/pdf' });
    expect(checkLessonFile(LessonKind.Document, 'bai-giang.docx', 1000, ZIP)).toMatchObject({ ok: true });
    expect(checkLessonFile(LessonKind.Video, 'bai-1.mp4', 1000, MP4)).toMatchObject({ ok: true, mime: 'video/mp4' });
  });
  it('refuses other types, with the list of allowed ones', () => {
    const r = checkLessonFile(LessonKind.Document, 'virus.exe', 1000, PDF);
    expect(r).toMatchObject({ ok: false, code: 'LESSON_FILE_TYPE' });
    expect(!r.ok && r.message).toContain('.pdf');
    expect(checkLessonFile(LessonKind.Video, 'bai.pdf', 1000, PDF)).toMatchObject({ ok: false, code: 'LESSON_FILE_TYPE' });
    expect(checkLessonFile(LessonKind.Document, 'khong-duoi', 1000, PDF)).toMatchObject({ ok: false, code: 'LESSON_FILE_TYPE' });
  });
  it('refuses a file whose content does not match its name', () => {
    expect(checkLessonFile(LessonKind.Document, 'gia.pdf', 1000, ZIP)).toMatchObject({ ok: false, code: 'LESSON_FILE_CONTENT' });
  });
  it('refuses empty and oversized files', () => {
    expect(checkLessonFile(LessonKind.Document, 'a.pdf', 0, PDF)).toMatchObject({ ok: false, code: 'LESSON_FILE_EMPTY' });
    expect(checkLessonFile(LessonKind.Document, 'a.pdf', 20 * MB + 1, PDF)).toMatchObject({ ok: false, code: 'LESSON_FILE_TOO_LARGE' });
    expect(checkLessonFile(LessonKind.Video, 'a.mp4', 50 * MB, MP4)).toMatchObject({ ok: true });
  });
  it('refuses files for text and link lessons', () => {
    expect(checkLessonFile(LessonKind.Text, 'a.pdf', 10, PDF)).toMatchObject({ ok: false, code: 'LESSON_FILE_NOT_ALLOWED' });
  });
});
