import { msg, say } from '@/i18n/message';
import { describe, expect, it } from 'vitest';
import {
  defaultSyncSettings,
  loadSyncSettings,
  saveSyncSettings,
  SYNC_SETTINGS_KEY,
  syncSettingsSchema,
  validateSyncSettings,
  DEFAULT_SYNC_PREFIX,
  effectiveSyncSettings,
  privatePrefix,
} from './settings';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

describe('sync settings', () => {
  it('defaults to sync on, under tafel/dashboards/', () => {
    expect(defaultSyncSettings).toEqual({ enabled: true, prefix: 'tafel/dashboards/' });
    expect(loadSyncSettings(memoryStorage())).toEqual(defaultSyncSettings);
  });

  it('saves and loads under tafel.sync', () => {
    const storage = memoryStorage();
    saveSyncSettings(storage, { enabled: false, prefix: 'home/tafel/' });
    expect(JSON.parse(storage.data.get(SYNC_SETTINGS_KEY)!)).toEqual({
      enabled: false,
      prefix: 'home/tafel/',
    });
    expect(loadSyncSettings(storage)).toEqual({ enabled: false, prefix: 'home/tafel/' });
  });

  it('wants a prefix that ends with / and has no wildcards', () => {
    const ok = (prefix: string) => syncSettingsSchema.safeParse({ prefix }).success;
    expect(ok('a/')).toBe(true);
    expect(ok(' a/b/ ')).toBe(true); // trimmed
    expect(ok('a')).toBe(false);
    expect(ok('')).toBe(false);
    expect(ok('a/+/')).toBe(false);
    expect(ok('a/#/')).toBe(false);
    expect(ok('$SYS/')).toBe(false);
    expect(validateSyncSettings({ enabled: true, prefix: 'no-slash' })).toEqual({
      ok: false,
      errors: { prefix: 'sync:settings.errors.slash' },
    });
    expect(validateSyncSettings({ enabled: true, prefix: ' x/ ' })).toEqual({
      ok: true,
      settings: { enabled: true, prefix: 'x/' },
    });
  });

  it('falls back field by field, so a bad prefix does not switch sync back on', () => {
    const load = (text: string) => loadSyncSettings(memoryStorage({ [SYNC_SETTINGS_KEY]: text }));
    expect(load('{"enabled":false,"prefix":"bad#"}')).toEqual({
      enabled: false,
      prefix: 'tafel/dashboards/',
    });
    expect(load('{"enabled":"yes","prefix":"x/"}')).toEqual({ enabled: true, prefix: 'x/' });
    expect(load('not json')).toEqual(defaultSyncSettings);
    expect(load('null')).toEqual(defaultSyncSettings);
  });

  it('starts from the defaults when storage cannot be read', () => {
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(loadSyncSettings(broken)).toEqual(defaultSyncSettings);
  });
});

describe('sharing on a public broker', () => {
  it('is off with the default prefix, and says why', () => {
    const on = { enabled: true, prefix: DEFAULT_SYNC_PREFIX };
    expect(effectiveSyncSettings(on, true)).toEqual({
      settings: { enabled: false, prefix: DEFAULT_SYNC_PREFIX },
      offReason: msg('sync:reason.offPublic'),
    });
    expect(effectiveSyncSettings(on, false)).toEqual({ settings: on, offReason: null });
    const mine = { enabled: true, prefix: 'tafel/x7k2/dashboards/' };
    expect(effectiveSyncSettings(mine, true)).toEqual({ settings: mine, offReason: null });
  });

  it('refuses the default prefix in the form, and proposes private prefixes nobody guesses', () => {
    const r = validateSyncSettings(
      { enabled: true, prefix: DEFAULT_SYNC_PREFIX },
      { publicBroker: true },
    );
    expect(r.ok ? null : say(r.errors.prefix!)).toMatch(/private prefix/);
    expect(
      validateSyncSettings({ enabled: false, prefix: DEFAULT_SYNC_PREFIX }, { publicBroker: true })
        .ok,
    ).toBe(true);
    const a = privatePrefix();
    expect(a).toMatch(/^tafel\/[a-z2-9]{12}\/dashboards\/$/);
    expect(privatePrefix()).not.toBe(a);
    expect(validateSyncSettings({ enabled: true, prefix: a }, { publicBroker: true }).ok).toBe(
      true,
    );
  });
});
