import { useEffect, useRef, useState, type ChangeEvent, type ClipboardEvent } from 'react';
import type { QuestionImageDto } from '@cchc/shared';
import { api } from '../api/client';
import { ErrorMessage } from './error-message';
import { isQuestionImage, questionImageUrl } from './rich-text';
import { useT } from '../i18n/i18n';
import { usePrompt } from './confirm-dialog';
import './rich-text-editor.css';
import '../i18n/messages/rich-text';

interface RichTextEditorProps {
  id: string;
  initialHtml: string;
  onChange(html: string): void;
  labelledBy?: string;
  /** Question texts: underline and sub/superscript too, no headings (a question has none). */
  question?: boolean;
  /** Shorter area (an option, a feedback). */
  compact?: boolean;
  testId?: string;
}

/**
 * A deliberately small editor: contentEditable with bold, italic, heading, lists and links (lessons) or bold, italic,
 * underline, sub/superscript, lists and links (questions). The server sanitises whatever it receives, so pasted
 * markup never reaches learners unfiltered. Used by lessons and by the question editor.
 */
export function RichTextEditor({ id, initialHtml, onChange, labelledBy, question = false, compact = false, testId = 'rich-text-editor' }: RichTextEditorProps) {
  const { t } = useT();
  const area = useRef<HTMLDivElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const [ask, promptDialog] = usePrompt();
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<unknown>(null);

  /**
   * The HTML the editor holds, as stored: a question image is shown from a local copy fetched with the session token
   * (an <img> cannot send it), its stored URL kept in data-src and put back here.
   */
  const html = () => {
    if (!area.current) return '';
    const copy = area.current.cloneNode(true) as HTMLElement;
    copy.querySelectorAll<HTMLImageElement>('img[data-src]').forEach((img) => {
      img.setAttribute('src', img.dataset.src!);
      img.removeAttribute('data-src');
    });
    return copy.innerHTML;
  };
  const showImages = () => {
    area.current?.querySelectorAll<HTMLImageElement>('img').forEach((img) => {
      const src = img.getAttribute('src') ?? '';
      if (img.dataset.src || !isQuestionImage(src)) return;
      img.dataset.src = src;
      questionImageUrl(src).then((local) => img.dataset.src === src && (img.src = local)).catch(() => undefined);
    });
  };

  useEffect(() => {
    // Only when it differs from what is shown: the parent echoing back what was typed must not move the caret.
    if (area.current && html() !== initialHtml) {
      area.current.innerHTML = initialHtml;
      if (question) showImages();
    }
  }, [initialHtml, question]);

  const run = (command: string, value?: string) => {
    area.current?.focus();
    document.execCommand(command, false, value);
    if (question) showImages();
    onChange(html());
  };
  const pickImage = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void insertImage(file);
  };
  /** A pasted picture (a screenshot) is uploaded like a chosen one: the server keeps only images it stored. */
  const pasteImage = (event: ClipboardEvent<HTMLDivElement>) => {
    const file = [...event.clipboardData.files].find((f) => /^image\/(png|jpeg|gif|webp)$/.test(f.type));
    if (!question || !file) return;
    event.preventDefault();
    void insertImage(file);
  };
  const insertImage = async (file: File) => {
    const selection = window.getSelection();
    const range = selection && selection.rangeCount && area.current?.contains(selection.anchorNode) ? selection.getRangeAt(0).cloneRange() : null;
    setUploading(true);
    setUploadError(null);
    try {
      const image = await api.upload<QuestionImageDto>('/question-images', file);
      area.current?.focus();
      if (range && selection) {
        selection.removeAllRanges();
        selection.addRange(range);
      }
      const img = document.createElement('img');
      img.setAttribute('src', image.url);
      img.setAttribute('alt', file.name.replace(/\.[a-z0-9]+$/i, ''));
      run('insertHTML', img.outerHTML);
    } catch (e) {
      setUploadError(e);
    } finally {
      setUploading(false);
    }
  };
  const link = async () => {
    // The dialog takes the focus: keep the selected text to turn into the link.
    const selection = window.getSelection();
    const range = selection && selection.rangeCount ? selection.getRangeAt(0).cloneRange() : null;
    const url = await ask({ title: t('authoring.linkPrompt'), label: t('authoring.linkPrompt'), initial: 'https://' });
    if (!url || !/^https?:\/\//i.test(url)) return;
    area.current?.focus();
    if (range && selection) {
      selection.removeAllRanges();
      selection.addRange(range);
    }
    run('createLink', url);
  };

  return (
    <div className="rte">
      {promptDialog}
      <div className="rte-toolbar" role="toolbar" aria-controls={id}>
        <button type="button" onClick={() => run('bold')} title={t('authoring.bold')} aria-label={t('authoring.bold')}>
          <strong>B</strong>
        </button>
        <button type="button" onClick={() => run('italic')} title={t('authoring.italic')} aria-label={t('authoring.italic')}>
          <em>I</em>
        </button>
        {question ? (
          <>
            <button type="button" onClick={() => run('underline')} title={t('rich.underline')} aria-label={t('rich.underline')}>
              <u>U</u>
            </button>
            <button type="button" onClick={() => run('subscript')} title={t('rich.sub')} aria-label={t('rich.sub')}>
              x<sub>2</sub>
            </button>
            <button type="button" onClick={() => run('superscript')} title={t('rich.sup')} aria-label={t('rich.sup')}>
              x<sup>2</sup>
            </button>
            <button type="button" onClick={() => picker.current?.click()} disabled={uploading} data-testid={`${testId}-image`}>
              {uploading ? t('rich.imageUploading') : t('rich.image')}
            </button>
            <input ref={picker} type="file" accept="image/png,image/jpeg,image/gif,image/webp" hidden onChange={pickImage} data-testid={`${testId}-image-file`} />
          </>
        ) : (
          <button type="button" onClick={() => run('formatBlock', 'h3')} title={t('authoring.heading')} aria-label={t('authoring.heading')}>
            H
          </button>
        )}
        <button type="button" onClick={() => run('insertUnorderedList')} title={t('authoring.list')} aria-label={t('authoring.list')}>
          •
        </button>
        <button type="button" onClick={() => run('insertOrderedList')} title={t('authoring.numbered')} aria-label={t('authoring.numbered')}>
          1.
        </button>
        <button type="button" onClick={link} title={t('authoring.link')}>
          {t('authoring.link')}
        </button>
      </div>
      <div
        id={id}
        ref={area}
        className={`rte-area ${question ? 'rich-text rich-html' : 'lesson-body'}${compact ? ' rte-compact' : ''}`}
        contentEditable
        role="textbox"
        aria-multiline="true"
        aria-labelledby={labelledBy}
        data-testid={testId}
        suppressContentEditableWarning
        onInput={() => onChange(html())}
        onPaste={pasteImage}
      />
      <ErrorMessage error={uploadError} />
    </div>
  );
}
