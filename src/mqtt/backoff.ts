/**
 * How long to wait before reconnect attempt `attempt` (1, 2, …), when the broker has been
 * gone for `downForMs`. A wall tablet on a LAN must be back within seconds of the broker
 * listening again, so the first minutes retry often — a refused WebSocket on a LAN costs
 * nearly nothing — and only a broker that stays away is asked less and less often:
 *
 * - attempt 1: 0.5–1 s; attempt 2: 1.5–2.5 s;
 * - then every 1.5–2.5 s for the first two minutes (so a broker is found within 3 s);
 * - every 5–10 s up to ten minutes;
 * - every 24–36 s after that, and whenever the page is hidden (it retries at once when shown).
 *
 * The jitter spreads a room full of tablets, so they do not hammer a restarted broker in
 * lockstep.
 */
export function reconnectDelay(
  attempt: number,
  downForMs: number,
  options: { hidden?: boolean; random?: () => number } = {},
): number {
  const random = options.random ?? Math.random;
  const between = (lo: number, hi: number) => Math.round(lo + (hi - lo) * random());
  if (options.hidden) return between(24_000, 36_000);
  if (attempt <= 1) return between(500, 1000);
  if (attempt === 2) return between(1500, 2500);
  if (downForMs < 2 * 60_000) return between(1500, 2500);
  if (downForMs < 10 * 60_000) return between(5000, 10_000);
  return between(24_000, 36_000);
}
