import { sanitizeLessonHtml } from './lesson-html';

describe('sanitizeLessonHtml', () => {
  it('keeps formatting, lists and links', () => {
    expect(sanitizeLessonHtml('<p><b>Đề án</b> <em>1439</em></p><ul><li>Một</li></ul>')).toBe('<p><strong>Đề án</strong> <em>1439</em></p><ul><li>Một</li></ul>');
    expect(sanitizeLessonHtml('<a href="https://thuvienphapluat.vn">QĐ</a>')).toBe('<a href="https://thuvienphapluat.vn" target="_blank" rel="noopener noreferrer">QĐ</a>');
  });
  it('removes scripts, event handlers, javascript: links, styles and frames', () => {
    const out = sanitizeLessonHtml(
      '<script>alert(1)</script><img src=x onerror="alert(1)"><p onclick="x()" style="color:red">Chữ</p><a href="javascript:alert(1)">x</a><iframe src="https://evil"></iframe>',
    );
    expect(out).not.toMatch(/script|onerror|onclick|javascript:|style|iframe|<img/i);
    expect(out).toContain('<p>Chữ</p>');
  });
});
