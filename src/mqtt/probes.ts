/**
 * Two small HTTP questions the connection asks while the broker is away: is the app's own
 * server back (its /healthz), and can this browser reach a wss:// broker's host over TLS at
 * all (an untrusted certificate looks like silence to a WebSocket).
 */

interface PageLocation {
  readonly protocol: string;
  readonly host: string;
}

/**
 * The /healthz of the page's own server when the broker is that server's (`/mqtt` on the
 * page's host), else null: another broker has no Tafel health check to ask.
 */
export function sameOriginHealthUrl(brokerUrl: string, location: PageLocation): string | null {
  let u: URL;
  try {
    u = new URL(brokerUrl);
  } catch {
    return null;
  }
  const wsProtocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  if (u.protocol !== wsProtocol || u.host !== location.host || u.pathname !== '/mqtt') return null;
  return `${location.protocol}//${location.host}/healthz`;
}

export type HealthAnswer = 'up' | 'down' | 'not-tafel';

/** up: the server answers and its broker runs; down: no answer; not-tafel: no such check here. */
export async function probeHealth(doFetch: typeof fetch, url: string): Promise<HealthAnswer> {
  try {
    const res = await doFetch(url, { cache: 'no-store', signal: AbortSignal.timeout(2000) });
    // A static server answers the SPA's index.html (or 404) for /healthz: nothing to ask there.
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return 'not-tafel';
    const body = (await res.json()) as { status?: unknown; broker?: unknown };
    if (body.status !== 'ok') return 'down';
    return body.broker === true ? 'up' : 'not-tafel';
  } catch {
    return 'down';
  }
}

/**
 * For a wss:// broker, the https:// address of its host and port, to open once to trust its
 * certificate; null for ws:// and for the page's own origin (its certificate is trusted
 * already, or the page would not be here).
 */
export function tlsCheckUrl(brokerUrl: string, location: PageLocation | null): string | null {
  let u: URL;
  try {
    u = new URL(brokerUrl);
  } catch {
    return null;
  }
  if (u.protocol !== 'wss:') return null;
  if (location?.protocol === 'https:' && location.host === u.host) return null;
  return `https://${u.host}/`;
}

/** Whether a TLS connection to `href` can be made at all (any HTTP answer counts). */
export async function probeTls(doFetch: typeof fetch, href: string): Promise<boolean> {
  try {
    await doFetch(href, { mode: 'no-cors', cache: 'no-store', signal: AbortSignal.timeout(5000) });
    return true;
  } catch {
    return false;
  }
}
