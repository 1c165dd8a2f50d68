import { QuestionFormat } from '@cchc/shared';
import { normalizeQuestionTexts, sanitizeQuestionHtml } from './question-html';

const IMG = '/api/question-images/0b6f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4';

describe('sanitizeQuestionHtml', () => {
  it('keeps the formatting a Moodle question uses', () => {
    const html =
      '<p><b>Đậm</b>, <i>nghiêng</i>, <u>gạch dưới</u>, <strike>gạch</strike>, H<sub>2</sub>O, m<sup>2</sup><br>dòng mới</p>' +
      '<ul><li>một</li></ul><ol start="3"><li>ba</li></ol>' +
      '<table><thead><tr><th colspan="2">Cột</th></tr></thead><tbody><tr><td rowspan="1">a</td><td>b</td></tr></tbody></table>' +
      `<p><img src="${IMG}" alt="Sơ đồ" width="320" height="200"></p>`;
    expect(sanitizeQuestionHtml(html)).toBe(
      '<p><strong>Đậm</strong>, <em>nghiêng</em>, <u>gạch dưới</u>, <s>gạch</s>, H<sub>2</sub>O, m<sup>2</sup><br />dòng mới</p>' +
        '<ul><li>một</li></ul><ol start="3"><li>ba</li></ol>' +
        '<table><thead><tr><th colspan="2">Cột</th></tr></thead><tbody><tr><td rowspan="1">a</td><td>b</td></tr></tbody></table>' +
        `<p><img src="${IMG}" alt="Sơ đồ" width="320" height="200" /></p>`,
    );
  });

  it.each([
    ['a script and its text', '<p>A<script>alert(1)</script>B</p>', '<p>AB</p>'],
    ['a script tag split by case and attributes', '<p>A<ScRiPt type="text/javascript">x()</sCrIpT>B</p>', '<p>AB</p>'],
    ['event handlers', '<p onclick="alert(1)" onmouseover="x()">A</p><img src="' + IMG + '" onerror="alert(1)">', `<p>A</p><img src="${IMG}" />`],
    ['style and class', '<p style="background:url(javascript:alert(1))" class="x">A</p><style>p{}</style>', '<p>A</p>'],
    ['a javascript: link', '<a href="javascript:alert(1)">A</a>', '<a target="_blank" rel="noopener noreferrer">A</a>'],
    ['an entity-encoded javascript: link', '<a href="jav&#x09;ascript:alert(1)">A</a>', '<a target="_blank" rel="noopener noreferrer">A</a>'],
    ['a data: link', '<a href="data:text/html,<script>alert(1)</script>">A</a>', '<a target="_blank" rel="noopener noreferrer">A</a>'],
    ['an iframe and its content', '<iframe src="https://evil.example"><p>x</p></iframe>B', 'B'],
    ['SVG with a script inside', '<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)"><text>t</text></a></svg>B', 'B'],
    ['SVG onload', '<svg onload="alert(1)"/>B', 'B'],
    ['MathML', '<math><mtext><img src=x onerror=alert(1)></mtext></math>B', 'B'],
    ['an object and an embed', '<object data="x.swf"></object><embed src="x.swf">B', 'B'],
    ['a form and its inputs', '<form action="https://evil.example"><input name="p"><button>Gửi</button></form>', 'Gửi'],
    ['an image from another site', '<img src="https://tracker.example/p.gif">', ''],
    ['a data: image (imports store it as a file first)', '<img src="data:image/png;base64,iVBORw0KGgo=">', ''],
    ['a javascript: image', '<img src="javascript:alert(1)">', ''],
    ['a protocol-relative image', `<img src="//evil.example${IMG}">`, ''],
    ['an image path that only starts like ours', `<img src="${IMG}/../../auth/me">`, ''],
    ['a meta refresh and a base', '<meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">A', 'A'],
    ['HTML comments and a conditional comment', '<!--[if IE]><script>alert(1)</script><![endif]-->A', 'A'],
    ['a non-numeric image size', `<img src="${IMG}" width="100%;x:expression(alert(1))">`, `<img src="${IMG}" />`],
    ['a malformed tag that tries to open an attribute', '<p title="a><script>alert(1)</script>">A</p>', '<p>A</p>'],
  ])('removes %s', (_, input, expected) => {
    expect(sanitizeQuestionHtml(input)).toBe(expected);
  });

  it('keeps a web link and makes it open outside the test', () => {
    expect(sanitizeQuestionHtml('<a href="https://thuvienphapluat.vn/x" target="_self" rel="opener">Luật</a>')).toBe(
      '<a href="https://thuvienphapluat.vn/x" target="_blank" rel="noopener noreferrer">Luật</a>',
    );
  });

  it('keeps text that looks like markup escaped', () => {
    expect(sanitizeQuestionHtml('<p>a &lt; b &amp;&amp; c &gt; d</p>')).toBe('<p>a &lt; b &amp;&amp; c &gt; d</p>');
  });
});

describe('normalizeQuestionTexts', () => {
  it('keeps an HTML question with formatting as HTML, option feedback included', () => {
    const t = normalizeQuestionTexts({
      format: QuestionFormat.Html,
      stem: '<p>Chọn <b>đúng</b><script>x</script></p>',
      options: [
        { id: 'a', text: '<p>Một</p>', feedback: '<p>Vì <i>một</i></p>' },
        { id: 'b', text: 'Hai', feedback: '  ' },
      ],
      explanation: '<p></p>',
    });
    expect(t).toEqual({
      format: 'html',
      stem: '<p>Chọn <strong>đúng</strong></p>',
      options: [
        { id: 'a', text: '<p>Một</p>', feedback: '<p>Vì <em>một</em></p>' },
        { id: 'b', text: 'Hai' },
      ],
      explanation: null,
    });
  });

  it('stores as plain text an HTML question whose markup only makes paragraphs (every Moodle export)', () => {
    const t = normalizeQuestionTexts({
      format: QuestionFormat.Html,
      stem: '<p dir="ltr" style="text-align:left;">Thủ tục &amp; hồ sơ</p><p>dòng 2</p>',
      options: [{ id: 'a', text: '<p>A &lt; B</p>', feedback: '<p>Đúng</p>' }],
      explanation: '<div>Giải thích</div>',
    });
    expect(t).toEqual({ format: 'plain', stem: 'Thủ tục & hồ sơ\ndòng 2', options: [{ id: 'a', text: 'A < B', feedback: 'Đúng' }], explanation: 'Giải thích' });
  });

  it('leaves plain text alone, markup-looking text included', () => {
    const t = normalizeQuestionTexts({ format: QuestionFormat.Plain, stem: ' <b>không đậm</b> ', options: [{ id: 'a', text: ' a \n b ' }], explanation: '  ' });
    expect(t).toEqual({ format: 'plain', stem: '<b>không đậm</b>', options: [{ id: 'a', text: 'a b' }], explanation: null });
  });
});
