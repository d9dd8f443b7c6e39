import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { useNoticeStore, type Notice } from '@/stores/notice-store';

/** Toasts at the bottom: what happened, with at most one action (e.g. Undo). */
export function Notices() {
  const notices = useNoticeStore((s) => s.notices);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <NoticeItem key={n.id} notice={n} />
      ))}
    </div>
  );
}

function NoticeItem({ notice }: { notice: Notice }) {
  const { t } = useTranslation(['app', 'common']);
  const dismiss = useNoticeStore((s) => s.dismiss);
  useEffect(() => {
    if (!notice.timeoutMs) return;
    const t = setTimeout(() => dismiss(notice.id), notice.timeoutMs);
    return () => clearTimeout(t);
  }, [notice, dismiss]);
  return (
    <div
      className={`notice-toast notice-toast--${notice.kind}`}
      role={notice.kind === 'info' ? 'status' : 'alert'}
    >
      <span className="notice-toast__text">{notice.text}</span>
      {notice.action && (
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            notice.action?.run();
            dismiss(notice.id);
          }}
        >
          {notice.action.label}
        </button>
      )}
      <button
        type="button"
        className="chrome-button"
        aria-label={t('common:dismiss')}
        onClick={() => dismiss(notice.id)}
      >
        ×
      </button>
    </div>
  );
}
