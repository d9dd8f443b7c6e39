import { X509Certificate } from 'node:crypto';
import fs from 'node:fs/promises';
import type os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, describe, expect, it } from 'vitest';
import {
  certificateNames,
  ensureCertificate,
  lifetimeDays,
  loadProvidedCertificate,
} from './certificate.ts';
import { ConfigError } from './config.ts';
import { makeTempDir } from './test-helpers.ts';

type Interfaces = ReturnType<typeof os.networkInterfaces>;

const lan = (...addresses: string[]) =>
  ({
    lo: [
      { address: '127.0.0.1', family: 'IPv4', internal: true },
      { address: '::1', family: 'IPv6', internal: true },
    ],
    eth0: addresses.map((address) => ({
      address,
      family: address.includes(':') ? 'IPv6' : 'IPv4',
      internal: false,
    })),
  }) as unknown as Interfaces;

const dayMs = 24 * 3600 * 1000;
const tempDirs: string[] = [];

async function tlsDir() {
  const dir = await makeTempDir('tafel-cert-');
  tempDirs.push(dir);
  return path.join(dir, 'tls');
}

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

describe('certificateNames', () => {
  it('holds localhost, the host name, its .local name, loopback and every LAN address', () => {
    const names = certificateNames(
      '0.0.0.0',
      'Kueche.fritz.box',
      lan('192.168.1.20', '10.0.0.5', 'fd00::2'),
    );
    expect(names.dns).toEqual(['localhost', 'kueche.fritz.box', 'kueche.local']);
    expect(names.ips).toEqual(['127.0.0.1', '::1', '192.168.1.20', '10.0.0.5', 'fd00::2']);
    // IPv6 LAN addresses are in the certificate but do not force a new one.
    expect(names.required).not.toContain('fd00::2');
    expect(names.required).toContain('10.0.0.5');
  });

  it('adds a specific HOST, and skips a host name that cannot be a DNS name', () => {
    expect(certificateNames('tafel.example', 'my_pc', lan()).dns).toEqual([
      'localhost',
      'tafel.example',
    ]);
    expect(certificateNames('192.168.9.9', 'pi', lan()).ips).toContain('192.168.9.9');
  });
});

describe('a generated certificate', () => {
  const host = '0.0.0.0';
  const hostname = 'tafelpi';
  const interfaces = lan('192.168.1.20', 'fd00::2');

  it('covers the LAN, is kept with a private key, and lives 825 days at most', async () => {
    const dir = await tlsDir();
    const { cert, key, info } = await ensureCertificate({ dir, host, hostname, interfaces });
    expect(info.origin).toBe('generated');
    expect(info.reason).toBe('there was none yet');
    expect(info.replaced).toBe(false);
    expect(await fs.readFile(path.join(dir, 'cert.pem'), 'utf8')).toBe(cert);
    expect(await fs.readFile(path.join(dir, 'key.pem'), 'utf8')).toBe(key);
    expect((await fs.stat(path.join(dir, 'key.pem'))).mode & 0o777).toBe(0o600);

    const x509 = new X509Certificate(cert);
    for (const name of ['localhost', 'tafelpi', 'tafelpi.local']) {
      expect(x509.checkHost(name), name).toBe(name);
    }
    for (const ip of ['127.0.0.1', '::1', '192.168.1.20', 'fd00::2']) {
      expect(x509.checkIP(ip), ip).toBe(ip);
    }
    expect(x509.checkHost('example.com')).toBeUndefined();
    expect(info.names).toEqual([
      'localhost',
      'tafelpi',
      'tafelpi.local',
      '127.0.0.1',
      '::1',
      '192.168.1.20',
      'fd00::2',
    ]);
    const lifetime = Date.parse(x509.validTo) - Date.parse(x509.validFrom);
    expect(lifetime).toBeLessThanOrEqual(lifetimeDays * dayMs);
    expect(lifetime).toBeGreaterThan((lifetimeDays - 1) * dayMs);
    expect(Date.parse(x509.validFrom)).toBeLessThan(Date.now());
    expect(info.fingerprint).toBe(x509.fingerprint256);
    expect(info.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    // Android installs only CA certificates, and iOS offers full trust only for them.
    expect(x509.ca).toBe(true);
    expect(x509.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // serverAuth
  });

  it('is reused by the next start, and regenerated when removed or garbled', async () => {
    const dir = await tlsDir();
    const first = await ensureCertificate({ dir, host, hostname, interfaces });
    const second = await ensureCertificate({ dir, host, hostname, interfaces });
    expect(second.info.origin).toBe('reused');
    expect(second.info.fingerprint).toBe(first.info.fingerprint);

    await fs.rm(path.join(dir, 'cert.pem'));
    const afterRemoval = await ensureCertificate({ dir, host, hostname, interfaces });
    expect(afterRemoval.info).toMatchObject({
      origin: 'generated',
      reason: 'cert.pem was missing',
      replaced: true,
    });
    expect(afterRemoval.info.fingerprint).not.toBe(first.info.fingerprint);

    await fs.writeFile(path.join(dir, 'cert.pem'), '-----BEGIN CERTIFICATE-----\ngarbage\n');
    const afterGarbage = await ensureCertificate({ dir, host, hostname, interfaces });
    expect(afterGarbage.info).toMatchObject({ origin: 'generated', reason: 'cert.pem is damaged' });

    // The key of another certificate: the pair no longer fits.
    const other = await generate(undefined, { keyType: 'ec', algorithm: 'sha256' });
    await fs.writeFile(path.join(dir, 'key.pem'), other.private);
    const afterKey = await ensureCertificate({ dir, host, hostname, interfaces });
    expect(afterKey.info.reason).toBe('key.pem does not belong to cert.pem');
    expect((await fs.stat(path.join(dir, 'key.pem'))).mode & 0o777).toBe(0o600);
  });

  it('is regenerated when it expires, a week ahead', async () => {
    const dir = await tlsDir();
    const first = await ensureCertificate({ dir, host, hostname, interfaces });
    const almost = new Date(first.info.validTo.getTime() - 8 * dayMs);
    const stillFine = await ensureCertificate({ dir, host, hostname, interfaces, now: almost });
    expect(stillFine.info.origin).toBe('reused');

    const later = new Date(first.info.validTo.getTime() - 6 * dayMs);
    const renewed = await ensureCertificate({ dir, host, hostname, interfaces, now: later });
    expect(renewed.info.origin).toBe('generated');
    expect(renewed.info.reason).toMatch(/^the old one expires on \d{4}-\d\d-\d\d$/);
    expect(renewed.info.validTo.getTime()).toBeGreaterThan(later.getTime() + 800 * dayMs);
  });

  it('is regenerated for a new LAN IPv4 address, keeping the old ones', async () => {
    const dir = await tlsDir();
    await ensureCertificate({ dir, host, hostname, interfaces });

    // Privacy IPv6 addresses change daily; that alone must not make a new certificate.
    const newIPv6 = lan('192.168.1.20', 'fd00::99');
    const reused = await ensureCertificate({ dir, host, hostname, interfaces: newIPv6 });
    expect(reused.info.origin).toBe('reused');

    const vpn = lan('192.168.1.20', '10.8.0.2');
    const widened = await ensureCertificate({ dir, host, hostname, interfaces: vpn });
    expect(widened.info).toMatchObject({
      origin: 'generated',
      reason: 'the old one does not cover 10.8.0.2',
      replaced: true,
    });
    expect(widened.info.names).toEqual(expect.arrayContaining(['192.168.1.20', '10.8.0.2']));
    // The VPN going down again is no reason for yet another certificate.
    const vpnDown = await ensureCertificate({ dir, host, hostname, interfaces });
    expect(vpnDown.info.origin).toBe('reused');
    expect(vpnDown.info.fingerprint).toBe(widened.info.fingerprint);
  });

  it('explains a data dir it cannot write to', async () => {
    const dir = await tlsDir();
    await fs.writeFile(dir, 'a file where the folder should be');
    await expect(ensureCertificate({ dir, host, hostname, interfaces })).rejects.toThrow(
      /^Cannot keep the TLS certificate in .*Set DATA_DIR or --data-dir, or give TLS_CERT and TLS_KEY\.$/,
    );
  });
});

describe('a provided certificate', () => {
  async function writePair(dir: string, options: Parameters<typeof generate>[1] = {}) {
    const pems = await generate([{ name: 'commonName', value: 'tafel.example' }], {
      algorithm: 'sha256',
      ...options,
    });
    const certFile = path.join(dir, 'fullchain.pem');
    const keyFile = path.join(dir, 'privkey.pem');
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(certFile, pems.cert);
    await fs.writeFile(keyFile, pems.private);
    return { certFile, keyFile, pems };
  }

  it('is used as given', async () => {
    const { certFile, keyFile, pems } = await writePair(await tlsDir());
    const { cert, key, info } = await loadProvidedCertificate(certFile, keyFile);
    expect(cert).toBe(pems.cert);
    expect(key).toBe(pems.private);
    expect(info).toMatchObject({ origin: 'provided', certFile, keyFile, names: ['tafel.example'] });
    expect(info.fingerprint).toBe(new X509Certificate(pems.cert).fingerprint256);
  });

  it('warns about an expired one, but uses it', async () => {
    const expired = await writePair(await tlsDir(), {
      keyType: 'ec',
      notBeforeDate: new Date(Date.now() - 100 * dayMs),
      notAfterDate: new Date(Date.now() - dayMs),
    });
    const lines: string[] = [];
    const loaded = await loadProvidedCertificate(expired.certFile, expired.keyFile, {
      log: (line) => lines.push(line),
    });
    expect(loaded.info.origin).toBe('provided');
    expect(lines).toEqual([expect.stringMatching(/^TLS_CERT .* expired on /)]);
  });

  it.each([
    [
      'a missing certificate',
      'missing-cert',
      /^Cannot read TLS_CERT \(--tls-cert\) .*: no such file\.$/,
    ],
    ['a missing key', 'missing-key', /^Cannot read TLS_KEY \(--tls-key\) .*: no such file\.$/],
    ['a folder', 'folder', /^Cannot read TLS_CERT \(--tls-cert\) .*: it is a folder\.$/],
    ['no certificate', 'not-pem', /^TLS_CERT \(--tls-cert\) .* holds no PEM certificate\.$/],
    ['no key', 'not-key', /^TLS_KEY \(--tls-key\) .* holds no usable private key/],
    ['another key', 'mismatch', /^TLS_KEY \(--tls-key\) .* is not the key of the certificate/],
  ])('refuses %s in one line', async (_, problem, message) => {
    const dir = await tlsDir();
    const pair = await writePair(dir, { keyType: 'ec' });
    let { certFile, keyFile } = pair;
    if (problem === 'missing-cert') certFile = path.join(dir, 'nope.pem');
    if (problem === 'missing-key') keyFile = path.join(dir, 'nope.pem');
    if (problem === 'folder') certFile = dir;
    if (problem === 'not-pem') await fs.writeFile(certFile, 'hello');
    if (problem === 'not-key') keyFile = certFile;
    if (problem === 'mismatch') {
      const other = await generate(undefined, { keyType: 'ec', algorithm: 'sha256' });
      await fs.writeFile(keyFile, other.private);
    }
    const error = await loadProvidedCertificate(certFile, keyFile).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
  });
});
