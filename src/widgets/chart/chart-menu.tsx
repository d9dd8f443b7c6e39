import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '@/components/icon-button';
import { getAppRecorder, subscribeAppRecorder } from '@/recorder/app-recorder';
import type { RecorderClient } from '@/recorder/client';

const MORE_ICON =
  'M12 8a2 2 0 1 0 0-4 2 2 0 0 0 0 4zm0 2a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm0 6a2 2 0 1 0 0 4 2 2 0 0 0 0-4z';

const noRecorder = () => () => {};

function useUsableRecorder(): RecorderClient | null {
  const client = useSyncExternalStore(subscribeAppRecorder, getAppRecorder);
  const usable = useSyncExternalStore(
    client ? client.subscribe : noRecorder,
    () => client?.info()?.usable === true,
  );
  return usable ? client : null;
}

export interface CsvSeries {
  readonly topic: string;
  readonly valuePath: string;
  readonly label: string;
}

/**
 * The chart's menu: "Download CSV" of the window shown, one entry per configured series,
 * from the recorder's history. Only where a recorder records this page's broker.
 */
export function ChartMenu({
  series,
  windowMs,
}: {
  series: readonly CsvSeries[];
  windowMs: number;
}) {
  const { t } = useTranslation('widgets');
  const recorder = useUsableRecorder();
  // When the menu opened: the CSV covers the window shown then.
  const [openedAt, setOpenedAt] = useState<number | null>(null);
  const open = openedAt !== null;
  const setOpen = (next: boolean) => setOpenedAt(next ? Date.now() : null);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (!recorder || series.length === 0) return null;
  return (
    <div className="chart__menu" ref={root}>
      <button
        type="button"
        className="icon-button chart__menu-button"
        aria-label={t('chart.menu')}
        title={t('chart.menu')}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen(!open)}
      >
        <Icon d={MORE_ICON} size={18} />
      </button>
      {open && (
        <ul className="chart__menu-list" role="menu" id={menuId}>
          {series.map((s, i) => (
            <li key={i} role="none">
              <a
                role="menuitem"
                href={recorder.csvUrl(s.topic, s.valuePath, openedAt - windowMs, openedAt)}
                download
                onClick={() => setOpen(false)}
              >
                {series.length === 1
                  ? t('chart.downloadCsv')
                  : t('chart.downloadCsvOf', { label: s.label })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
