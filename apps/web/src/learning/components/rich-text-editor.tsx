import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/i18n';
import { usePrompt } from '../../components/confirm-dialog';

interface RichTextEditorProps {
  id: string;
  initialHtml: string;
  onChange(html: string): void;
  labelledBy?: string;
}

/**
 * A deliberately small editor: contentEditable with bold, italic, heading, lists and links. The server sanitises
 * whatever it receives, so pasted markup never reaches learners unfiltered.
 */
export function RichTextEditor({ id, initialHtml, onChange, labelledBy }: RichTextEditorProps) {
  const { t } = useT();
  const area = useRef<HTMLDivElement>(null);
  const [ask, promptDialog] = usePrompt();

  useEffect(() => {
    // Set once per lesson: re-rendering the HTML on every keystroke would move the caret.
    if (area.current) area.current.innerHTML = initialHtml;
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
        <button type="button" onClick={() => run('formatBlock', 'h3')} title={t('authoring.heading')} aria-label={t('authoring.heading')}>
          H
        </button>
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
        className="rte-area lesson-body"
        contentEditable
        role="textbox"
        aria-multiline="true"
        aria-labelledby={labelledBy}
        data-testid="rich-text-editor"
        suppressContentEditableWarning
        onInput={(event) => onChange(event.currentTarget.innerHTML)}
      />
    </div>
  );
}
