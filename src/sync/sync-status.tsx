import { say, sameText } from '@/i18n/message';
import { Trans, useTranslation } from 'react-i18next';
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

const LABELS = {
  synced: 'status.synced',
  syncing: 'status.syncing',
  error: 'status.error',
  local: 'status.local',
} as const satisfies Record<SyncStatus, string>;

// The connection badge's colours: green in step, amber busy, red failed, grey local.
const TONES: Record<SyncStatus, BadgeTone> = {
  synced: 'ok',
  syncing: 'busy',
  error: 'bad',
  local: 'idle',
};

const EXPLAIN = {
  synced: 'explain.synced',
  syncing: 'explain.syncing',
  error: 'explain.error',
  local: 'explain.local',
} as const satisfies Record<SyncStatus, string>;

/**
 * Whether this browser's dashboards are shared through the broker right now: one or two words
 * in the header; why, and which dashboard failed, in its popover.
 */
export function SyncIndicator() {
  const { t } = useTranslation(['sync', 'common']);
  const status = useSyncStore((s) => s.status);
  return (
    <StatusBadge
      name={t('name')}
      label={t(LABELS[status])}
      tone={TONES[status]}
      className={`sync-indicator sync-indicator--${status}`}
    >
      <SyncDetails />
    </StatusBadge>
  );
}

function SyncDetails() {
  const { t } = useTranslation(['sync', 'common']);
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
      <p className="badge-popover__lead">{t(EXPLAIN[status])}</p>
      <dl className="badge-popover__list">
        {reason && <BadgeDetail term={t('term.reason')}>{say(reason)}</BadgeDetail>}
        {status === 'error' && failed.length > 0 && (
          <BadgeDetail term={failed.length === 1 ? t('term.dashboard') : t('term.dashboards')}>
            <ul className="badge-popover__items">
              {failed.map((f) => (
                <li key={f.id}>
                  {f.reason && !sameText(f.reason, reason)
                    ? t('failedItemWhy', { title: f.title, reason: say(f.reason) })
                    : t('failedItem', { title: f.title })}
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
  const { t } = useTranslation(['sync', 'common']);
  const offer = useSyncStore((s) => selectOffer(s, dashboardId));
  if (!offer) return null;
  const id = offer.dashboardId;
  return (
    <div className="notice sync-offer" role="alert">
      <p className="sync-offer__text">
        {offer.kind === 'newer' ? t('offer.newer') : t('offer.deleted')}
      </p>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={() => resolveSyncOffer(id, 'load')}>
          {offer.kind === 'newer' ? t('offer.load') : t('offer.delete')}
        </button>
        <button type="button" className="button" onClick={() => resolveSyncOffer(id, 'keep')}>
          {t('offer.keep')}
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
  const { t } = useTranslation(['sync', 'common']);
  const ids = useId();
  const prefixId = `${ids}-prefix`;
  const hintId = `${ids}-prefix-hint`;
  const errorId = `${ids}-prefix-error`;
  return (
    <>
      {publicBroker && (
        <p className="notice" id={`${ids}-public`}>
          {t('settings.public')}
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
        {t('settings.share')}
      </label>
      <div className="field">
        <label htmlFor={prefixId}>{t('settings.prefix')}</label>
        <input
          id={prefixId}
          value={value.prefix}
          onChange={(e) => onChange({ ...value, prefix: e.target.value })}
          placeholder={DEFAULT_SYNC_PREFIX}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={errors.prefix ? true : undefined}
          aria-describedby={errors.prefix ? `${errorId} ${hintId}` : hintId}
        />
        <p className="field__hint" id={hintId}>
          <Trans
            t={t}
            i18nKey="settings.hint"
            values={{ prefix: value.prefix || '…/' }}
            components={{ em: <em /> }}
          />
        </p>
        {errors.prefix && (
          <p className="field__error" id={errorId}>
            {say(errors.prefix)}
          </p>
        )}
        {errors.enabled && <p className="field__error">{say(errors.enabled)}</p>}
      </div>
    </>
  );
}
