import type { TKey } from '@/i18n/i18n';
import { z } from 'zod';

/** How to reach the broker. Stored per browser; the password never goes into a URL or a log. */
export const brokerSettingsSchema = z.object({
  /** Empty = this Tafel server's own broker (same origin, path /mqtt). */
  url: z
    .string()
    .trim()
    .refine((u) => u === '' || /^wss?:\/\/[^\s/]+/i.test(u), {
      message: 'app:broker.errors.url' satisfies TKey,
    })
    .default(''),
  username: z.string().default(''),
  password: z.string().default(''),
  /** Empty = a random id per page load (two tabs must not kick each other off). */
  clientId: z.string().trim().max(128).default(''),
  keepalive: z.coerce.number().int().min(0).max(65535).default(30),
});

export type BrokerSettings = z.infer<typeof brokerSettingsSchema>;

export const defaultBrokerSettings: BrokerSettings = brokerSettingsSchema.parse({});

export interface BrokerPreset {
  readonly id: string;
  readonly name: TKey;
  readonly url: string;
  /** Anyone on the internet connects there: nothing private may be shared on it. */
  readonly public?: boolean;
}

export const brokerPresets: readonly BrokerPreset[] = [
  { id: 'self', name: 'app:broker.preset.self', url: '' },
  {
    id: 'mosquitto-test',
    name: 'app:broker.preset.mosquittoTest',
    url: 'ws://test.mosquitto.org:8080',
    public: true,
  },
];

/** Brokers anyone can use, for tests and demos: what is shared there is shared with everyone. */
const PUBLIC_BROKER_HOSTS = new Set([
  'test.mosquitto.org',
  'broker.hivemq.com',
  'broker.mqttdashboard.com',
  'broker.emqx.io',
  'mqtt.eclipseprojects.io',
  'public.mqtthq.com',
]);

/** Whether `url` is a public broker (a public preset, or a well-known public host). */
export function isPublicBroker(url: string): boolean {
  if (brokerPresets.some((p) => p.public && p.url === url)) return true;
  try {
    return PUBLIC_BROKER_HOSTS.has(new URL(url).hostname.toLowerCase());
  } catch {
    return false;
  }
}

/** The same origin's broker: ws:// on http pages, wss:// on https pages. */
export function sameOriginBrokerUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/mqtt`;
}

/** The URL to connect to: the `?broker=` override for this visit, else the setting, else same origin. */
export function effectiveBrokerUrl(
  settings: BrokerSettings,
  location: { protocol: string; host: string; search: string },
): { url: string; overridden: boolean } {
  const override = new URLSearchParams(location.search).get('broker');
  if (override && /^wss?:\/\//i.test(override)) return { url: override, overridden: true };
  return { url: settings.url || sameOriginBrokerUrl(location), overridden: false };
}

/** A URL safe to show or log: no user info. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}
