import { useEffect, useRef } from 'react';
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
  const [ask, promptDialog] = usePrompt();

  useEffect(() => {
    // Only when it differs from what is shown: the parent echoing back what was typed must not move the caret.
    if (area.current && area.current.innerHTML !== initialHtml) area.current.innerHTML = initialHtml;
  }, [initialHtml]);

  const run = (command: string, value?: string) => {
    area.current?.focus();
    document.execCommand(command, false, value);
    onChange(area.current?.innerHTML ?? '');
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
        onInput={(event) => onChange(event.currentTarget.innerHTML)}
      />
    </div>
  );
}
