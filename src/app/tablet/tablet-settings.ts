import { t } from '@/i18n/i18n';
import { z } from 'zod';
import { create } from 'zustand';
import { describeStorageError } from '@/dashboard/storage';
import { ruleSchema } from '@/widgets/kit/rules';
import { reportCannotSave } from '../storage-notice';

/** The display scale's range, in percent. */
export const SCALE_MIN = 100;
export const SCALE_MAX = 200;
const SCALE_ERROR = () => t('app:tablet.scaleError', { min: SCALE_MIN, max: SCALE_MAX });

/** How this browser behaves as a wall tablet. Per browser, in localStorage. */
export const tabletSettingsSchema = z.object({
  /** The UI's language; "browser": the browser's preference. `?lang=de` overrides it for a visit. */
  language: z.enum(['browser', 'de', 'en']).default('browser'),
  /** Kiosk mode: only the dashboard, no editing or settings. `?kiosk` turns it on for a visit. */
  kiosk: z.boolean().default(false),
  /** In kiosk mode, hide the page tabs too. */
  hideTabs: z.boolean().default(false),
  /** Display scale in percent, for reading at two metres: any whole percent, as typed. */
  scale: z
    .number({ error: SCALE_ERROR })
    .int({ error: SCALE_ERROR })
    .min(SCALE_MIN, { error: SCALE_ERROR })
    .max(SCALE_MAX, { error: SCALE_ERROR })
    .default(100),
  /** A hash of the PIN that guards leaving kiosk mode and editing; '' = no PIN. */
  pinHash: z.string().max(64).default(''),
  /** Dim the screen after this many minutes without a touch; null = never. */
  dimAfterMinutes: z.number().min(0.05).max(1440).nullable().default(null),
  /** A message on this topic (matching the rule) wakes a dimmed screen, e.g. a doorbell. */
  wakeTopic: z.string().max(500).default(''),
  wakeRule: ruleSchema.default({ op: 'else', value: '' }),
  /** Keep the screen on in kiosk mode (Screen Wake Lock; needs HTTPS or localhost). */
  wakeLock: z.boolean().default(true),
  /** Reload the page once after this many minutes without the broker while the network is up. */
  watchdogMinutes: z.number().min(1).max(1440).default(5),
});

export type TabletSettings = z.infer<typeof tabletSettingsSchema>;

const KEY = 'tafel.tablet';

export function loadTabletSettings(): TabletSettings {
  try {
    const parsed = tabletSettingsSchema.safeParse(JSON.parse(localStorage.getItem(KEY) ?? '{}'));
    return parsed.success ? parsed.data : tabletSettingsSchema.parse({});
  } catch {
    return tabletSettingsSchema.parse({});
  }
}

/** The settings, and whether this visit is in kiosk mode (the setting or `?kiosk`). */
interface TabletState {
  settings: TabletSettings;
  /** Kiosk mode for this visit. */
  kiosk: boolean;
  save(settings: TabletSettings): void;
  setKiosk(kiosk: boolean): void;
}

const urlKiosk = () => new URLSearchParams(window.location.search).has('kiosk');

/** Keep the settings; where the storage refuses (full, not allowed) they hold for this visit. */
function store(settings: TabletSettings): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(settings));
  } catch (e) {
    const why = e instanceof Error ? describeStorageError(e) : String(e);
    reportCannotSave(t('app:tablet.cannotSave', { why }));
  }
}

export const useTabletStore = create<TabletState>()((set) => {
  const settings = loadTabletSettings();
  return {
    settings,
    kiosk: settings.kiosk || urlKiosk(),
    save(next) {
      store(next);
      set({ settings: next });
    },
    setKiosk(kiosk) {
      set((s) => {
        const next = { ...s.settings, kiosk };
        store(next);
        return { settings: next, kiosk };
      });
      if (!kiosk && urlKiosk()) {
        const url = new URL(window.location.href);
        url.searchParams.delete('kiosk');
        history.replaceState(history.state, '', url);
      }
    },
  };
});

/**
 * The PIN's stored form. Not cryptography: the PIN keeps passers-by out of the settings, not
 * attackers (the broker's users and ACLs do that), and crypto.subtle is missing on plain-HTTP
 * LAN pages. A salted FNV-1a keeps the PIN from being read off the storage at a glance.
 */
export function hashPin(pin: string): string {
  let h = 0x811c9dc5;
  for (const ch of `tafel:${pin}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
