import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n/i18n';
import { Dialog, DialogActions } from './dialog';

export interface ConfirmOptions {
  title: string;
  message?: ReactNode;
  /** The button that goes ahead (default "Xác nhận"). */
  confirmLabel?: string;
  /** A notice with one button ("Đóng") instead of a question. */
  notice?: boolean;
  /** The action deletes or cancels something: the button says so in red. */
  danger?: boolean;
  testId?: string;
}

interface Open extends ConfirmOptions {
  resolve(ok: boolean): void;
}

/**
 * The app's own confirmation (instead of window.confirm / window.alert, which block the page, cannot be styled or
 * translated, and which some phone browsers suppress). The returned `askToConfirm(...)` resolves true when the user goes ahead; render
 * the returned element once in the component.
 */
export function useConfirm(): [(options: ConfirmOptions) => Promise<boolean>, ReactNode] {
  const { t } = useT();
  const [open, setOpen] = useState<Open | null>(null);
  const current = useRef<Open | null>(null);

  const confirm = useCallback(
    (options: ConfirmOptions) =>
      new Promise<boolean>((resolve) => {
        current.current?.resolve(false);
        const next = { ...options, resolve };
        current.current = next;
        setOpen(next);
      }),
    [],
  );

  const close = (ok: boolean) => {
    const o = current.current;
    current.current = null;
    setOpen(null);
    o?.resolve(ok);
  };

  const element = open ? (
    <Dialog title={open.title} onClose={() => close(false)} testId={open.testId ?? 'confirm-dialog'}>
      {open.message !== undefined && <div className="confirm-message">{open.message}</div>}
      <DialogActions>
        {!open.notice && (
          <button type="button" className="button" onClick={() => close(false)} data-testid="confirm-cancel">
            {t('common.cancel')}
          </button>
        )}
        <button
          type="button"
          className={`button ${open.danger ? 'button-danger' : 'button-primary'}`}
          onClick={() => close(!open.notice)}
          data-testid="confirm-ok"
          autoFocus
        >
          {open.notice ? t('common.close') : (open.confirmLabel ?? t('common.confirm'))}
        </button>
      </DialogActions>
    </Dialog>
  ) : null;

  return [confirm, element];
}

/** The app's own one-field question (instead of window.prompt): resolves the trimmed text, or null when cancelled. */
export function usePrompt(): [(options: { title: string; label: string; initial?: string; testId?: string }) => Promise<string | null>, ReactNode] {
  const { t } = useT();
  const [open, setOpen] = useState<{ title: string; label: string; initial?: string; testId?: string; resolve(v: string | null): void } | null>(null);
  const ask = useCallback(
    (options: { title: string; label: string; initial?: string; testId?: string }) =>
      new Promise<string | null>((resolve) => setOpen((prev) => (prev?.resolve(null), { ...options, resolve }))),
    [],
  );
  const close = (value: string | null) => {
    open?.resolve(value);
    setOpen(null);
  };
  const element = open ? (
    <Dialog title={open.title} onClose={() => close(null)} testId={open.testId ?? 'prompt-dialog'}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          close(String(new FormData(event.currentTarget).get('value') ?? '').trim() || null);
        }}
      >
        <label className="field">
          <span>{open.label}</span>
          <input name="value" defaultValue={open.initial} data-testid="prompt-input" />
        </label>
        <DialogActions>
          <button type="button" className="button" onClick={() => close(null)}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" data-testid="prompt-ok">
            {t('common.confirm')}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  ) : null;
  return [ask, element];
}
