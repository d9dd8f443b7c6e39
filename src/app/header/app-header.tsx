import { useTranslation } from 'react-i18next';
import { Icon, IconButton } from '@/components/icon-button';
import { useTabletStore } from '../tablet/tablet-settings';
import { SyncIndicator } from '@/sync/sync-status';
import { ConnectionBadge } from '../connection-badge';

const ICONS = {
  edit: 'M3 17.25V21h3.75L17.81 9.94l-3.75-3.75zM20.71 7.04a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75z',
  dashboards: 'M3 13h8V3H3zm0 8h8v-6H3zm10 0h8V11h-8zm0-18v6h8V3z',
  fullScreen: 'M7 14H5v5h5v-2H7zm-2-4h2V7h3V5H5zm12 7h-3v2h5v-5h-2zM14 5v2h3v3h2V5z',
  tablet:
    'M21 3H3a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h5v2h8v-2h5a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2zm0 14H3V5h18z',
  broker:
    'M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7.4 7.4 0 0 0-1.7-1L15 3h-4l-.4 2.9a7.4 7.4 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1c.5.4 1.1.8 1.7 1L11 21h4l.4-2.9c.6-.2 1.2-.6 1.7-1l2.5 1 2-3.5zM12 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z',
};

function toggleFullScreen() {
  void (
    document.fullscreenElement
      ? document.exitFullscreen()
      : document.documentElement.requestFullscreen()
  ).catch(() => {});
}

export interface AppHeaderProps {
  title: string;
  onDashboards(): void;
  onBroker(): void;
  onTablet(): void;
  /** Leave kiosk mode (the caller asks for the PIN when one is set). */
  onExitKiosk(): void;
  /** Absent where there is nothing to edit (no dashboard on screen). */
  editing?: boolean;
  onToggleEdit?(): void;
}

/**
 * The top bar: the dashboard's title, the connection and sync badges, and the buttons; in
 * kiosk mode only full screen and "Exit kiosk". One row on a wide screen; on a narrow one the
 * badges get a row of their own, so neither the title nor a button is pushed off screen
 * (styles.css, "Header").
 */
export function AppHeader(props: AppHeaderProps) {
  const { t } = useTranslation(['app', 'common']);
  const kiosk = useTabletStore((s) => s.kiosk);
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <span className="logo" aria-hidden="true" />
        <h1 className="app-header__title" title={props.title}>
          {props.title}
        </h1>
        {!kiosk && (
          <IconButton
            label={t('header.dashboards')}
            onClick={props.onDashboards}
            d={ICONS.dashboards}
          />
        )}
      </div>
      <div className="app-header__status">
        <ConnectionBadge />
        <SyncIndicator />
      </div>
      <div className="app-header__actions">
        {kiosk ? (
          <>
            <IconButton
              label={t('header.fullScreen')}
              onClick={toggleFullScreen}
              d={ICONS.fullScreen}
            />
            <button type="button" className="button kiosk-exit" onClick={props.onExitKiosk}>
              {t('header.exitKiosk')}
            </button>
          </>
        ) : (
          <>
            {props.onToggleEdit && (
              <button
                type="button"
                className={`button app-header__edit${props.editing ? ' button--primary' : ''}`}
                aria-pressed={props.editing}
                onClick={props.onToggleEdit}
              >
                {/* Narrow screens show the pencil and keep the word for screen readers. */}
                <Icon d={ICONS.edit} />
                <span className="app-header__edit-word">{t('header.edit')}</span>
              </button>
            )}
            <IconButton
              label={t('header.tabletSettings')}
              onClick={props.onTablet}
              d={ICONS.tablet}
            />
            <IconButton
              label={t('header.brokerSettings')}
              onClick={props.onBroker}
              d={ICONS.broker}
            />
          </>
        )}
      </div>
    </header>
  );
}
