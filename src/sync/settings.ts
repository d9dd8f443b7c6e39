import { msg, type Message, type Text } from '@/i18n/message';
import { key } from '@/i18n/i18n';
import { z } from 'zod';
import { fieldErrors } from '@/components/zod-issues';

/** Where this browser keeps its sync settings (per browser, like the broker settings). */
export const SYNC_SETTINGS_KEY = 'tafel.sync';

export const DEFAULT_SYNC_PREFIX = 'tafel/dashboards/';

/**
 * The topic prefix: each dashboard is `<prefix><id>`, and the browser subscribes to
 * `<prefix>#`. It must end with "/" so that `#` stays below it, and hold no wildcards or NUL,
 * since it is also a topic name to publish to. A leading `$` is reserved by brokers ($SYS).
 */
export const syncPrefixSchema = z
  .string()
  .trim()
  .min(1, { message: key('sync:settings.errors.empty') })
  .max(200, { message: key('sync:settings.errors.long') })
  .refine((p) => !/[+#]/.test(p), { message: key('sync:settings.errors.wildcard') })
  .refine((p) => !p.includes('\u0000'), { message: key('sync:settings.errors.nul') })
  .refine((p) => !p.startsWith('$'), { message: key('sync:settings.errors.dollar') })
  .refine((p) => p.endsWith('/'), { message: key('sync:settings.errors.slash') });

export const syncSettingsSchema = z.object({
  /** Off = "local only": this browser neither publishes nor hears dashboards. */
  enabled: z.boolean().default(true),
  prefix: syncPrefixSchema.default(DEFAULT_SYNC_PREFIX),
});

export type SyncSettings = z.infer<typeof syncSettingsSchema>;

export const defaultSyncSettings: SyncSettings = syncSettingsSchema.parse({});

/** One message per field, for the settings form. */
export type SyncSettingsErrors = Partial<Record<keyof SyncSettings, Text>>;

/**
 * A prefix nobody else guesses, for sharing on a broker strangers use too:
 * `tafel/<12 random letters and digits>/dashboards/`.
 */
export function privatePrefix(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `tafel/${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')}/dashboards/`;
}

export const PUBLIC_DEFAULT_PREFIX_ERROR = key('sync:settings.errors.publicDefault');

/**
 * The settings to run with on this broker: sharing with the default prefix on a public
 * broker is switched off (every Tafel user there shares that prefix, and a stranger's newer
 * copy would replace yours), with the reason to show.
 */
export function effectiveSyncSettings(
  settings: SyncSettings,
  publicBroker: boolean,
): { settings: SyncSettings; offReason: Message | null } {
  if (publicBroker && settings.enabled && settings.prefix === DEFAULT_SYNC_PREFIX) {
    return {
      settings: { ...settings, enabled: false },
      offReason: msg('sync:reason.offPublic'),
    };
  }
  return { settings, offReason: null };
}

/** Validate what the form holds: the settings to save, or a message per field. */
export function validateSyncSettings(
  draft: unknown,
  options: { publicBroker?: boolean } = {},
): { ok: true; settings: SyncSettings } | { ok: false; errors: SyncSettingsErrors } {
  const result = syncSettingsSchema.safeParse(draft);
  if (result.success) {
    if (options.publicBroker && result.data.enabled && result.data.prefix === DEFAULT_SYNC_PREFIX)
      return { ok: false, errors: { prefix: PUBLIC_DEFAULT_PREFIX_ERROR } };
    return { ok: true, settings: result.data };
  }
  return { ok: false, errors: fieldErrors(result.error) as SyncSettingsErrors };
}

/**
 * This browser's sync settings; defaults when none are stored. A damaged field falls back on
 * its own, so a bad prefix does not also switch a deliberately disabled sync back on.
 */
export function loadSyncSettings(storage: Pick<Storage, 'getItem'>): SyncSettings {
  let raw: unknown;
  try {
    const text = storage.getItem(SYNC_SETTINGS_KEY);
    if (text === null) return defaultSyncSettings;
    raw = JSON.parse(text);
  } catch {
    return defaultSyncSettings; // unreadable storage or JSON: start from the defaults
  }
  const whole = syncSettingsSchema.safeParse(raw);
  if (whole.success) return whole.data;
  const fields = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const enabled = z.boolean().safeParse(fields.enabled);
  const prefix = syncPrefixSchema.safeParse(fields.prefix);
  return {
    enabled: enabled.success ? enabled.data : defaultSyncSettings.enabled,
    prefix: prefix.success ? prefix.data : defaultSyncSettings.prefix,
  };
}

/** Store the settings (validated by the caller: {@link validateSyncSettings}). */
export function saveSyncSettings(storage: Pick<Storage, 'setItem'>, settings: SyncSettings): void {
  storage.setItem(
    SYNC_SETTINGS_KEY,
    JSON.stringify({ enabled: settings.enabled, prefix: settings.prefix }),
  );
}
