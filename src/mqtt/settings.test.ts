import { describe, expect, it } from 'vitest';
import {
  isPublicBroker,
  brokerSettingsSchema,
  effectiveBrokerUrl,
  redactUrl,
  sameOriginBrokerUrl,
} from './settings';

const loc = (protocol: string, search = '') => ({ protocol, host: 'tafel.local:8080', search });

describe('broker settings', () => {
  it('defaults to the same origin, following http/https', () => {
    expect(sameOriginBrokerUrl(loc('http:'))).toBe('ws://tafel.local:8080/mqtt');
    expect(sameOriginBrokerUrl(loc('https:'))).toBe('wss://tafel.local:8080/mqtt');
    const s = brokerSettingsSchema.parse({});
    expect(effectiveBrokerUrl(s, loc('http:'))).toEqual({
      url: 'ws://tafel.local:8080/mqtt',
      overridden: false,
    });
  });

  it('lets ?broker= override the setting for one visit', () => {
    const s = brokerSettingsSchema.parse({ url: 'ws://saved:9001' });
    expect(effectiveBrokerUrl(s, loc('http:', '?broker=ws%3A%2F%2F10.0.0.2%3A9001'))).toEqual({
      url: 'ws://10.0.0.2:9001',
      overridden: true,
    });
    expect(effectiveBrokerUrl(s, loc('http:', '?broker=javascript:alert(1)')).url).toBe(
      'ws://saved:9001',
    );
  });

  it('accepts only WebSocket URLs', () => {
    expect(brokerSettingsSchema.safeParse({ url: 'mqtt://host:1883' }).success).toBe(false);
    expect(brokerSettingsSchema.safeParse({ url: 'wss://host/mqtt' }).success).toBe(true);
    expect(brokerSettingsSchema.safeParse({ keepalive: '-1' }).success).toBe(false);
  });

  it('never shows credentials from a URL', () => {
    expect(redactUrl('ws://user:secret@host:9001/mqtt')).toBe('ws://host:9001/mqtt');
  });
});

describe('isPublicBroker', () => {
  it('knows the public preset and well-known public brokers, by host', () => {
    expect(isPublicBroker('ws://test.mosquitto.org:8080')).toBe(true);
    expect(isPublicBroker('wss://broker.hivemq.com:8884/mqtt')).toBe(true);
    expect(isPublicBroker('wss://BROKER.EMQX.IO:8084/mqtt')).toBe(true);
    expect(isPublicBroker('ws://192.168.1.10:9001')).toBe(false);
    expect(isPublicBroker('')).toBe(false);
    expect(isPublicBroker('not a url')).toBe(false);
  });
});
