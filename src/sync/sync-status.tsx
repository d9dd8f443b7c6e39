import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { BadgeDetail, StatusBadge, type BadgeTone } from '@/components/status-badge';
import { useDashboardStore } from '@/stores/dashboard-store';
import {
  DEFAULT_SYNC_PREFIX,
  privatePrefix,
  type SyncSettings,
  type SyncSettingsErrors,
} from '@/sync/settings';
import { selectOffer, useSyncStore, type SyncStatus } from '@/sync/sync-store';
import { resolveSyncOffer } from '@/sync/engine';

const LABELS: Record<SyncStatus, string> = {
  synced: 'Synced',
  syncing: 'Syncing…',
  error: 'Sync failed',
  local: 'Local only',
};

// The connection badge's colours: green in step, amber busy, red failed, grey local.
const TONES: Record<SyncStatus, BadgeTone> = {
  synced: 'ok',
  syncing: 'busy',
  error: 'bad',
  local: 'idle',
};

const EXPLAIN: Record<SyncStatus, string> = {
  synced: 'Every dashboard here is also on the broker, and changes on other devices show here.',
  syncing: 'Waiting for the broker to confirm the dashboards.',
  error: 'Changes here stay in this browser until the problem is fixed.',
  local: 'Dashboards are saved in this browser only.',
};

/**
 * Whether this browser's dashboards are shared through the broker right now: one or two words
 * in the header; why, and which dashboard failed, in its popover.
 */
export function SyncIndicator() {
  const status = useSyncStore((s) => s.status);
  return (
    <StatusBadge
      name="Dashboard sync"
      label={LABELS[status]}
      tone={TONES[status]}
      className={`sync-indicator sync-indicator--${status}`}
    >
      <SyncDetails />
    </StatusBadge>
  );
}

function SyncDetails() {
  const { status, reason, perDashboard } = useSyncStore(
    useShallow((s) => ({ status: s.status, reason: s.reason, perDashboard: s.dashboards })),
  );
  const dashboards = useDashboardStore((s) => s.document.dashboards);
  const failed = Object.entries(perDashboard)
    .filter(([, d]) => d.status === 'error')
    .map(([id, d]) => ({
      id,
      title: dashboards.find((x) => x.id === id)?.title ?? id,
      reason: d.reason,
    }));
  return (
    <>
      <p className="badge-popover__lead">{EXPLAIN[status]}</p>
      <dl className="badge-popover__list">
        {reason && <BadgeDetail term="Reason">{reason}</BadgeDetail>}
        {status === 'error' && failed.length > 0 && (
          <BadgeDetail term={failed.length === 1 ? 'Dashboard' : 'Dashboards'}>
            <ul className="badge-popover__items">
              {failed.map((f) => (
                <li key={f.id}>
                  “{f.title}”{f.reason && f.reason !== reason ? `: ${f.reason}` : ''}
                </li>
              ))}
            </ul>
          </BadgeDetail>
        )}
      </dl>
    </>
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
