/**
 * Reconnect delay: about 1 s doubling to 30 s, with ±20 % jitter so that a room full of
 * tablets does not hammer a restarted broker in lockstep.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
