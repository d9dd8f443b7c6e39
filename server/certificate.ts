import { X509Certificate, createPrivateKey, randomBytes, type KeyObject } from 'node:crypto';
import fs from 'node:fs/promises';
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from './config.ts';

type Interfaces = ReturnType<typeof os.networkInterfaces>;

/** A certificate and its key, ready for https/tls.createServer. */
export interface TlsMaterial {
  /** PEM; may hold a chain after the server's own certificate. */
  cert: string;
  /** PEM. */
  key: string;
  info: CertificateInfo;
}

export interface CertificateInfo {
  certFile: string;
  keyFile: string;
  /** SHA-256 of the certificate, colon-separated upper-case hex, as browsers show it. */
  fingerprint: string;
  validTo: Date;
  /** provided: TLS_CERT/TLS_KEY; reused: generated on an earlier start; generated: just now. */
  origin: 'provided' | 'reused' | 'generated';
  /** Why a new certificate was made (origin 'generated'); null otherwise. */
  reason: string | null;
  /** A generated certificate took the place of an earlier one, which tablets may trust. */
  replaced: boolean;
  /** The names and addresses the certificate is valid for, e.g. ['localhost', '127.0.0.1']. */
  names: string[];
}

/**
 * Apple's limit for TLS server certificates (iOS 13+, macOS 10.15+), user-trusted ones
 * included; a longer one is refused even after the user trusted it.
 */
export const lifetimeDays = 825;

/** Renew this long before the end, so a tablet is not cut off in the middle of a week. */
const renewBeforeMs = 7 * 24 * 3600 * 1000;

/** A tablet whose clock is a little behind would otherwise see "not valid yet". */
const backdateMs = 3600 * 1000;

export interface NameSet {
  /** Host names, lower case. */
  dns: string[];
  /** IP addresses, as os.networkInterfaces gives them. */
  ips: string[];
  /**
   * What a reused certificate must still cover. IPv6 addresses are left out: privacy
   * addresses change daily, and a new certificate means trusting it again on every tablet.
   */
  required: string[];
}

/**
 * What a generated certificate is made for: every name a tablet on the LAN might use for this
 * machine. `host` is HOST; a specific address or name is added to the rest.
 */
export function certificateNames(
  host: string,
  hostname: string = os.hostname(),
  interfaces: Interfaces = os.networkInterfaces(),
): NameSet {
  const dns = new Set(['localhost']);
  const ips = new Set(['127.0.0.1', '::1']);
  const name = hostname.trim().toLowerCase();
  // A DNS name in a certificate may only hold letters, digits, '-' and dots.
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(name)) {
    dns.add(name);
    // mDNS (Bonjour/Avahi) answers to the first label, whatever domain the host name has.
    dns.add(`${name.split('.', 1)[0]}.local`);
  }
  const addresses = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal);
  for (const a of addresses) if (a.family === 'IPv4') ips.add(a.address);
  for (const a of addresses) if (a.family === 'IPv6') ips.add(a.address);
  const bound = host.trim().toLowerCase();
  if (bound !== '' && bound !== '0.0.0.0' && bound !== '::') {
    (isIP(bound) ? ips : dns).add(bound);
  }
  const required = [...dns, ...[...ips].filter((ip) => isIP(ip) === 4 || ip === '::1')];
  return { dns: [...dns], ips: [...ips], required };
}

/** The SHA-256 fingerprint as Chrome, Firefox and iOS show it. */
export function fingerprintOf(cert: X509Certificate): string {
  // Node already gives colon-separated upper-case hex; this pins that down.
  return cert.fingerprint256.toUpperCase();
}

/** The names a certificate covers, from its subjectAltName, in a short human form. */
export function namesOf(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? '')
    .split(', ')
    .map((entry) => entry.replace(/^(DNS:|IP Address:)/, ''))
    .filter((entry) => entry !== '')
    .map((entry) => (isIP(entry) === 6 ? compactIPv6(entry) : entry));
}

function covers(cert: X509Certificate, name: string): boolean {
  return isIP(name) ? cert.checkIP(name) !== undefined : cert.checkHost(name) !== undefined;
}

/** The user's own certificate (TLS_CERT, TLS_KEY): used as given, after checking it fits. */
export async function loadProvidedCertificate(
  certFile: string,
  keyFile: string,
  { log = () => {}, now = new Date() }: { log?: (line: string) => void; now?: Date } = {},
): Promise<TlsMaterial> {
  const certPem = await readSetting(certFile, 'TLS_CERT (--tls-cert)');
  const keyPem = await readSetting(keyFile, 'TLS_KEY (--tls-key)');
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    throw new ConfigError(`TLS_CERT (--tls-cert) ${certFile} holds no PEM certificate.`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch {
    throw new ConfigError(
      `TLS_KEY (--tls-key) ${keyFile} holds no usable private key (PEM, not encrypted).`,
    );
  }
  if (!cert.checkPrivateKey(key)) {
    throw new ConfigError(
      `TLS_KEY (--tls-key) ${keyFile} is not the key of the certificate in TLS_CERT (--tls-cert).`,
    );
  }
  const validTo = new Date(cert.validTo);
  // The user's to renew (and maybe renewing right now); a warning, not a refusal.
  if (validTo.getTime() < now.getTime()) {
    log(`TLS_CERT ${certFile} expired on ${validTo.toISOString()}; browsers will refuse it.`);
  }
  return {
    cert: certPem,
    key: keyPem,
    info: {
      certFile,
      keyFile,
      fingerprint: fingerprintOf(cert),
      validTo,
      origin: 'provided',
      reason: null,
      replaced: false,
      names: namesOf(cert),
    },
  };
}

async function readSetting(file: string, setting: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : (error as Error).message.split('\n', 1)[0];
    throw new ConfigError(`Cannot read ${setting} ${file}: ${why}.`, { cause: error });
  }
}

export interface EnsureOptions {
  /** Where cert.pem and key.pem live: `<dataDir>/tls`. */
  dir: string;
  /** HOST, so a specific bind address or name is covered too. */
  host: string;
  now?: Date;
  hostname?: string;
  interfaces?: Interfaces;
}

/**
 * The generated self-signed certificate: the one from an earlier start if it still fits,
 * because every new one must be trusted again on every tablet; otherwise a new one, with
 * the reason.
 */
export async function ensureCertificate({
  dir,
  host,
  now = new Date(),
  hostname,
  interfaces,
}: EnsureOptions): Promise<TlsMaterial> {
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  const wanted = certificateNames(host, hostname, interfaces);

  const old = await readExisting(certFile, keyFile);
  let reason: string;
  let keep: string[] = [];
  if ('unusable' in old) {
    reason = old.unusable;
  } else {
    const { cert, certPem, keyPem } = old;
    const validFrom = new Date(cert.validFrom);
    const validTo = new Date(cert.validTo);
    const missing = wanted.required.filter((name) => !covers(cert, name));
    if (validTo.getTime() - renewBeforeMs < now.getTime()) {
      reason =
        validTo < now
          ? `the old one expired on ${day(validTo)}`
          : `the old one expires on ${day(validTo)}`;
    } else if (validFrom > now) {
      reason = `the old one is only valid from ${day(validFrom)} (was the clock wrong?)`;
    } else if (missing.length > 0) {
      reason = `the old one does not cover ${missing.join(', ')}`;
      // Kept, so an interface that comes and goes (a VPN, a second network) does not make
      // a new certificate on every other start.
      keep = namesOf(cert);
    } else {
      // A copied data dir may have lost the mode; the key must stay private.
      await fs.chmod(keyFile, 0o600).catch(() => {});
      return {
        cert: certPem,
        key: keyPem,
        info: {
          certFile,
          keyFile,
          fingerprint: fingerprintOf(cert),
          validTo,
          origin: 'reused',
          reason: null,
          replaced: false,
          names: namesOf(cert),
        },
      };
    }
  }

  const dns = new Set(wanted.dns);
  const ips = new Set(wanted.ips);
  for (const name of keep) (isIP(name) ? ips : dns).add(name);
  const made = await generate({ dns: [...dns], ips: [...ips], hostname, now });
  try {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    // The key first: a crash between the two leaves a pair that does not match, which the
    // next start notices and replaces, never a new certificate with an old key.
    await writeAtomically(keyFile, made.keyPem, 0o600);
    await writeAtomically(certFile, made.certPem, 0o644);
  } catch (error) {
    throw new Error(
      `Cannot keep the TLS certificate in ${dir}: ${(error as Error).message.split('\n', 1)[0]}. Set DATA_DIR or --data-dir, or give TLS_CERT and TLS_KEY.`,
      { cause: error },
    );
  }
  const cert = new X509Certificate(made.certPem);
  return {
    cert: made.certPem,
    key: made.keyPem,
    info: {
      certFile,
      keyFile,
      fingerprint: fingerprintOf(cert),
      validTo: new Date(cert.validTo),
      origin: 'generated',
      reason,
      replaced: !('unusable' in old && old.first),
      names: namesOf(cert),
    },
  };
}

type Existing =
  | { cert: X509Certificate; certPem: string; keyPem: string }
  | { unusable: string; first?: boolean };

async function readExisting(certFile: string, keyFile: string): Promise<Existing> {
  const [certPem, keyPem] = await Promise.all([
    fs.readFile(certFile, 'utf8').catch((error: NodeJS.ErrnoException) => error),
    fs.readFile(keyFile, 'utf8').catch((error: NodeJS.ErrnoException) => error),
  ]);
  if (certPem instanceof Error && keyPem instanceof Error && certPem.code === 'ENOENT') {
    return { unusable: 'there was none yet', first: true };
  }
  if (certPem instanceof Error) return { unusable: unreadable('cert.pem', certPem) };
  if (keyPem instanceof Error) return { unusable: unreadable('key.pem', keyPem) };
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    return { unusable: 'cert.pem is damaged' };
  }
  try {
    if (!cert.checkPrivateKey(createPrivateKey(keyPem))) {
      return { unusable: 'key.pem does not belong to cert.pem' };
    }
  } catch {
    return { unusable: 'key.pem is damaged' };
  }
  return { cert, certPem, keyPem };
}

function unreadable(name: string, error: NodeJS.ErrnoException): string {
  return error.code === 'ENOENT'
    ? `${name} was missing`
    : `${name} could not be read (${error.code})`;
}

async function generate({
  dns,
  ips,
  hostname = os.hostname(),
  now,
}: {
  dns: string[];
  ips: string[];
  hostname?: string;
  now: Date;
}): Promise<{ certPem: string; keyPem: string }> {
  // Loaded only here: most starts reuse the certificate, and plain HTTP needs none.
  const { generate: selfSigned } = await import('selfsigned');
  // Whole seconds: X.509 times have no milliseconds, and the lifetime must not round up.
  const notBefore = new Date(Math.floor((now.getTime() - backdateMs) / 1000) * 1000);
  const notAfter = new Date(notBefore.getTime() + lifetimeDays * 24 * 3600 * 1000);
  const label = hostname.replace(/[^A-Za-z0-9.-]/g, '') || 'this machine';
  const pems = await selfSigned(
    [
      { name: 'commonName', value: `Tafel on ${label}` },
      { name: 'organizationName', value: 'Tafel (self-signed)' },
    ],
    {
      // P-256: made in milliseconds (RSA 2048 takes up to seconds), and every current
      // browser and OS takes it.
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: notBefore,
      notAfterDate: notAfter,
      extensions: [
        // CA:TRUE because Android installs only CA certificates ("Install a certificate →
        // CA certificate"), and iOS offers full trust only for them. The certificate is its
        // own issuer, so it is the trust anchor and the server certificate at once.
        { name: 'basicConstraints', cA: true, critical: true },
        // keyCertSign goes with CA:TRUE (RFC 5280); Chrome refuses the mismatch.
        { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
        // Apple requires serverAuth in a TLS server certificate.
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            ...dns.map((value) => ({ type: 2 as const, value })),
            ...ips.map((ip) => ({ type: 7 as const, ip })),
          ],
        },
      ],
    },
  );
  return { certPem: pems.cert, keyPem: pems.private };
}

async function writeAtomically(file: string, text: string, mode: number) {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temporary, text, { mode, flag: 'wx' });
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Node prints IPv6 SANs in full (0:0:0:0:0:0:0:1); people know them as ::1. */
function compactIPv6(address: string): string {
  // The URL parser writes IPv6 in its canonical short form (RFC 5952).
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}
