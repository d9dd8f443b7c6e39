import { useTranslation } from 'react-i18next';
import { useConnectionStore } from '@/stores/connection-store';
import { formatClock } from '@/i18n/format';
import { useNow } from '@/components/use-now';

/** Values become unreliable soon after the broker goes away: say so, and since when. */
export const OFFLINE_GRACE_MS = 3000;

export function ConnectionBanner() {
  const { t } = useTranslation(['app', 'common']);
  const since = useConnectionStore((s) => s.disconnectedAt);
  const now = useNow(since !== null ? 1000 : null);
  if (since === null || now - since < OFFLINE_GRACE_MS) return null;
  return (
    <p className="connection-banner" role="alert">
      {t('banner.offline', { time: formatClock(since, now) })}
    </p>
  );
}

/** The dark overlay of night dimming; a touch anywhere lifts it. */
export function DimOverlay({ onWake }: { onWake(): void }) {
  const { t } = useTranslation(['app', 'common']);
  return (
    <div
      className="dim-overlay"
      role="button"
      tabIndex={0}
      aria-label={t('dim.wake')}
      onPointerDown={onWake}
      onKeyDown={onWake}
    />
  );
}
