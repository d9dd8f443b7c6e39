import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  title: string;
  selected: boolean;
  onSettings(): void;
  onDuplicate(): void;
  onDelete(): void;
  onMove(delta: -1 | 1): void;
  children: ReactNode;
}

/**
 * A widget in edit mode: a bar with a drag handle and its actions (named with the widget's
 * title, so each is findable by screen readers and tests), then the widget as it looks live.
 * "Earlier"/"Later" give keyboard users what dragging gives pointer users.
 */
export function WidgetChrome({
  title,
  selected,
  onSettings,
  onDuplicate,
  onDelete,
  onMove,
  children,
}: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const { t } = useTranslation('editor');
  const name = { name: title };
  // On a phone the settings sheet covers the lower screen: bring the widget being edited
  // into view above it, so the live preview stays visible.
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [selected]);
  return (
    <div ref={ref} className={`widget-chrome${selected ? ' widget-chrome--selected' : ''}`}>
      <div className="widget-chrome__bar">
        <span className="widget-chrome__handle" aria-hidden="true" title={t('chrome.drag')}>
          <svg viewBox="0 0 24 24" width="18" height="18">
            <path
              fill="currentColor"
              d="M9 5a2 2 0 1 1-4 0 2 2 0 0 1 4 0zm0 7a2 2 0 1 1-4 0 2 2 0 0 1 4 0zm-2 9a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM19 5a2 2 0 1 1-4 0 2 2 0 0 1 4 0zm-2 9a2 2 0 1 0 0-4 2 2 0 0 0 0 4zm2 5a2 2 0 1 1-4 0 2 2 0 0 1 4 0z"
            />
          </svg>
        </span>
        <ChromeButton
          label={t('chrome.moveEarlier', name)}
          onClick={() => onMove(-1)}
          d="M12 5l-7 7h4v7h6v-7h4z"
        />
        <ChromeButton
          label={t('chrome.moveLater', name)}
          onClick={() => onMove(1)}
          d="M12 19l7-7h-4V5H9v7H5z"
        />
        <ChromeButton
          label={t('chrome.settings', name)}
          onClick={onSettings}
          d="M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.4 7.4 0 0 0-1.7-1L15 3h-4l-.4 2.9a7.4 7.4 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1c.5.4 1.1.8 1.7 1L11 21h4l.4-2.9c.6-.2 1.2-.6 1.7-1l2.5 1 2-3.5zM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z"
        />
        <ChromeButton
          label={t('chrome.duplicate', name)}
          onClick={onDuplicate}
          d="M16 1H4a2 2 0 0 0-2 2v14h2V3h12zm3 4H8a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2zm0 16H8V7h11z"
        />
        <ChromeButton
          label={t('chrome.delete', name)}
          onClick={onDelete}
          d="M6 19a2 2 0 0 0 2 2h8a2 2 0 0 0 2-2V7H6zM19 4h-3.5l-1-1h-5l-1 1H5v2h14z"
        />
      </div>
      {/* The live widget, inert while editing so a drag never moves a slider by accident. */}
      <div className="widget-chrome__content" inert>
        {children}
      </div>
    </div>
  );
}

function ChromeButton({ label, onClick, d }: { label: string; onClick(): void; d: string }) {
  return (
    <button
      type="button"
      className="chrome-button"
      aria-label={label}
      title={label}
      onClick={onClick}
    >
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
        <path fill="currentColor" d={d} />
      </svg>
    </button>
  );
}
