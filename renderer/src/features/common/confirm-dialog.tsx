// A small modal instead of window.confirm: styled like the app and drivable by Playwright.
import { useEffect, useId, useRef } from 'react';

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  /** `neutral` for a choice that loses nothing (sending to Hookscope itself); red otherwise. */
  tone?: 'danger' | 'neutral';
}

export function ConfirmDialog({
  request,
  onClose,
}: {
  request: ConfirmRequest | null;
  onClose: () => void;
}) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (request) confirmRef.current?.focus();
  }, [request]);
  if (!request) return null;
  const confirm = () => {
    onClose();
    request.onConfirm();
  };
  return (
    <div className="modal-backdrop" onMouseDown={onClose}>
      <div
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="confirm-dialog"
        onMouseDown={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          event.stopPropagation();
          if (event.key === 'Escape') onClose();
        }}
      >
        <h2 id={titleId} className="modal-title">
          {request.title}
        </h2>
        <p className="modal-message">{request.message}</p>
        <div className="modal-actions">
          <button type="button" className="button" data-testid="confirm-cancel" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            ref={confirmRef}
            className={request.tone === 'neutral' ? 'button' : 'button button-danger'}
            data-testid="confirm-accept"
            data-tone={request.tone ?? 'danger'}
            onClick={confirm}
          >
            {request.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
