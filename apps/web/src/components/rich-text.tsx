import { createElement, Fragment, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { imageSources, QuestionFormat } from '@cchc/shared';
import { fetchFileUrl } from '../api/client';
import { useT } from '../i18n/i18n';
import '../i18n/messages/rich-text';
import './rich-text.css';

/**
 * A question text as a learner reads it. Plain text is text (line breaks kept). HTML — already sanitised by the server
 * — is read by the browser's inert DOMParser (no script runs, no image loads) and rebuilt as React elements from an
 * allow-list: tags outside it keep only their text, attributes outside it are dropped, links must be http(s)/mailto,
 * and images must be the platform's question images. No innerHTML: whatever the server sends, nothing here can run.
 */
export function RichText({ format, text, inline = false, className, testId }: { format: QuestionFormat | undefined; text: string; inline?: boolean; className?: string; testId?: string }) {
  const children = useMemo(() => (format === QuestionFormat.Html ? fromHtml(text) : text), [format, text]);
  return createElement(inline ? 'span' : 'div', { className: `rich-text${format === QuestionFormat.Html ? ' rich-html' : ' rich-plain'}${className ? ` ${className}` : ''}`, 'data-testid': testId }, children);
}

const TAGS = new Set(['p', 'br', 'div', 'strong', 'em', 'u', 's', 'sub', 'sup', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'hr', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'a', 'img']);
const DROP = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'textarea', 'select', 'title', 'head']);
const RENAME: Record<string, string> = { b: 'strong', i: 'em', strike: 's', del: 's' };
const IMAGE_SRC = /^\/api\/question-images\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NUMBER = /^\d{1,4}$/;

function fromHtml(html: string): ReactNode {
  if (typeof DOMParser === 'undefined') return html;
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return convert(doc.body.childNodes, 'r');
}

function convert(nodes: NodeListOf<ChildNode>, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  nodes.forEach((node, i) => {
    const k = `${key}.${i}`;
    if (node.nodeType === Node.TEXT_NODE) {
      out.push(node.textContent ?? '');
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const el = node as Element;
    const raw = el.tagName.toLowerCase();
    if (DROP.has(raw)) return;
    const tag = RENAME[raw] ?? raw;
    const children = convert(el.childNodes, k);
    if (!TAGS.has(tag)) {
      out.push(createElement(Fragment, { key: k }, ...children));
      return;
    }
    if (tag === 'img') {
      const src = el.getAttribute('src') ?? '';
      if (!IMAGE_SRC.test(src)) return;
      const width = el.getAttribute('width') ?? '';
      const height = el.getAttribute('height') ?? '';
      out.push(
        <QuestionImage key={k} src={src} alt={el.getAttribute('alt') ?? ''} width={NUMBER.test(width) ? Number(width) : undefined} height={NUMBER.test(height) ? Number(height) : undefined} />,
      );
      return;
    }
    const props: Record<string, unknown> = { key: k };
    if (tag === 'a') {
      const href = el.getAttribute('href') ?? '';
      if (/^(https?:|mailto:)/i.test(href)) Object.assign(props, { href, target: '_blank', rel: 'noopener noreferrer' });
    }
    if (tag === 'td' || tag === 'th') {
      for (const [attr, prop] of [['colspan', 'colSpan'], ['rowspan', 'rowSpan']] as const) {
        const v = el.getAttribute(attr) ?? '';
        if (/^\d{1,2}$/.test(v)) props[prop] = Number(v);
      }
    }
    if (tag === 'ol' && NUMBER.test(el.getAttribute('start') ?? '')) props.start = Number(el.getAttribute('start'));
    if (tag === 'br' || tag === 'hr') out.push(createElement(tag, props));
    else if (tag === 'table') out.push(<div className="rich-table" key={k}>{createElement('table', { key: `${k}t` }, ...children)}</div>);
    else out.push(createElement(tag, props, ...children));
  });
  return out;
}

/** Object URLs of question images fetched so far (an image id never changes content): one download per page life. */
const loaded = new Map<string, Promise<string>>();

export const isQuestionImage = (src: string) => IMAGE_SRC.test(src);

/** A local URL of a question image, fetched once with the session token. */
export function questionImageUrl(src: string): Promise<string> {
  let p = loaded.get(src);
  if (!p) {
    p = fetchFileUrl(src.replace(/^\/api/, ''));
    loaded.set(src, p);
    p.catch(() => loaded.delete(src));
  }
  return p;
}

/** The platform images that question texts show, each once, in the order they appear. */
export function questionImageSources(texts: readonly { format: QuestionFormat | undefined; text: string }[]): string[] {
  return [...new Set(texts.filter((x) => x.format === QuestionFormat.Html).flatMap((x) => imageSources(x.text)).filter(isQuestionImage))];
}

const whenOnline = () => (navigator.onLine ? Promise.resolve() : new Promise<void>((resolve) => window.addEventListener('online', () => resolve(), { once: true })));

/**
 * Fetches these question images one after another into this page's memory (the same one download the screen would
 * make), waiting while the browser is offline, so a connection that drops later in a test leaves every picture
 * readable. Answers how many are in memory; one that fails is left to the screen, which tries again when it shows it.
 */
export async function prefetchQuestionImages(sources: readonly string[], cancelled: () => boolean): Promise<number> {
  let ok = 0;
  for (const src of sources) {
    await whenOnline();
    if (cancelled()) break;
    await questionImageUrl(src).then(
      () => ok++,
      () => undefined,
    );
  }
  return ok;
}

/**
 * A question image: fetched with the session's bearer token (an <img> cannot send it) when it comes near the screen,
 * so a page with many images costs nothing until the learner scrolls to them (the test page also fetches its images
 * in the background once it is usable: prefetchQuestionImages; either way each is downloaded once). The box keeps the
 * image's size meanwhile, so the page does not jump.
 */
function QuestionImage({ src, alt, width, height }: { src: string; alt: string; width?: number; height?: number }) {
  const { t } = useT();
  const box = useRef<HTMLSpanElement>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let cancelled = false;
    const load = () => {
      questionImageUrl(src)
        .then((u) => !cancelled && setUrl(u))
        .catch(() => !cancelled && setFailed(true));
    };
    if (typeof IntersectionObserver === 'undefined') {
      load();
      return () => void (cancelled = true);
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          load();
        }
      },
      { rootMargin: '400px 0px' },
    );
    observer.observe(el);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, [src]);
  const style = width && height ? { aspectRatio: `${width} / ${height}`, width: `min(100%, ${width}px)` } : undefined;
  return (
    <span ref={box} className={`question-image${url ? '' : ' question-image-loading'}`} style={url ? undefined : style} data-testid="question-image">
      {url ? <img src={url} alt={alt} width={width} height={height} /> : failed ? <span className="muted small">[{alt ? `${t('rich.imageFailed')}: ${alt}` : t('rich.imageFailed')}]</span> : null}
    </span>
  );
}
