import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  DEFAULT_SYNC_PREFIX,
  privatePrefix,
  type SyncSettings,
  type SyncSettingsErrors,
} from '@/sync/settings';
import { selectOffer, useSyncStore, type SyncStatus } from '@/sync/sync-store';
import { resolveSyncOffer } from '@/sync/engine';

// The connection badge's colours: green in step, amber busy, red failed, grey local.
const badgeModifier: Record<SyncStatus, string> = {
  synced: 'connected',
  syncing: 'connecting',
  error: 'offline',
  local: 'local',
};

/** Whether this browser's dashboards are shared through the broker right now. */
export function SyncIndicator() {
  const { status, reason } = useSyncStore(
    useShallow((s) => ({ status: s.status, reason: s.reason })),
  );
  const text =
    status === 'synced'
      ? 'Synced'
      : status === 'syncing'
        ? 'Syncing…'
        : status === 'error'
          ? `Sync failed: ${reason ?? 'unknown reason'}`
          : 'Local only';
  const detail = status === 'local' && reason ? ` — ${reason}` : '';
  return (
    <div
      className={`badge sync-indicator sync-indicator--${status} badge--${badgeModifier[status]}`}
      role="status"
      aria-label="Dashboard sync"
      title={text + detail}
    >
      <span className="badge__dot" aria-hidden="true" />
      <span className="badge__text">
        {text}
        {detail && <span className="badge__reason">{detail}</span>}
      </span>
    </div>
  );
}

/**
 * The choice when another device saved a newer version (or deleted) the dashboard being
 * edited. Stays until answered, in edit mode or not.
 */
export function SyncOffer({ dashboardId }: { dashboardId: string | null | undefined }) {
  const offer = useSyncStore((s) => selectOffer(s, dashboardId));
  if (!offer) return null;
  const id = offer.dashboardId;
  return (
    <div className="notice sync-offer" role="alert">
      <p className="sync-offer__text">
        {offer.kind === 'newer'
          ? 'A newer version of this dashboard was saved on another device.'
          : 'This dashboard was deleted on another device.'}
      </p>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={() => resolveSyncOffer(id, 'load')}>
          {offer.kind === 'newer' ? 'Load it' : 'Delete it'}
        </button>
        <button type="button" className="button" onClick={() => resolveSyncOffer(id, 'keep')}>
          Keep mine
        </button>
      </div>
    </div>
  );
}

export interface SyncSettingsFieldsProps {
  value: SyncSettings;
  onChange(value: SyncSettings): void;
  errors?: SyncSettingsErrors;
  /** The broker is one strangers use: sharing needs a private prefix there. */
  publicBroker?: boolean;
}

/** The sync part of the broker settings dialog. Controlled: it only calls back. */
export function SyncSettingsFields({
  value,
  onChange,
  errors = {},
  publicBroker = false,
}: SyncSettingsFieldsProps) {
  const ids = useId();
  const prefixId = `${ids}-prefix`;
  const hintId = `${ids}-prefix-hint`;
  const errorId = `${ids}-prefix-error`;
  return (
    <>
      {publicBroker && (
        <p className="notice" id={`${ids}-public`}>
          This is a public broker: anyone on the internet can read and change what is shared there.
          Sharing stays off unless you give this browser a private topic prefix.
        </p>
      )}
      <label className="choice">
        <input
          type="checkbox"
          checked={value.enabled}
          aria-describedby={publicBroker ? `${ids}-public` : undefined}
          onChange={(e) => {
            const enabled = e.target.checked;
            // Sharing on a public broker: propose a prefix nobody else uses.
            const prefix =
              enabled && publicBroker && value.prefix.trim() === DEFAULT_SYNC_PREFIX
                ? privatePrefix()
                : value.prefix;
            onChange({ ...value, enabled, prefix });
          }}
        />
        Share dashboards through the broker
      </label>
      <div className="field">
        <label htmlFor={prefixId}>Topic prefix</label>
        <input
          id={prefixId}
          value={value.prefix}
          onChange={(e) => onChange({ ...value, prefix: e.target.value })}
          placeholder="tafel/dashboards/"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={errors.prefix ? true : undefined}
          aria-describedby={errors.prefix ? `${errorId} ${hintId}` : hintId}
        />
        <p className="field__hint" id={hintId}>
          Each dashboard is a retained message at {value.prefix || '…/'}
          <em>id</em>. Browsers with the same broker and prefix share their dashboards.
        </p>
        {errors.prefix && (
          <p className="field__error" id={errorId}>
            {errors.prefix}
          </p>
        )}
        {errors.enabled && <p className="field__error">{errors.enabled}</p>}
      </div>
    </>
  );
}
