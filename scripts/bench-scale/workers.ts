/**
 * The page's dedicated workers, over the page's own CDP session: Playwright gives no CDP
 * session for a worker, so this one auto-attaches to them in the non-flat mode and talks to
 * each through Target.sendMessageToTarget. Used for the JS heap of workers (a live path in a
 * worker is not in the page's Runtime.getHeapUsage).
 */
import type { CDPSession } from '@playwright/test';

export class PageWorkers {
  private readonly sessions = new Set<string>();
  private readonly pending = new Map<number, (result: unknown) => void>();
  private nextId = 1;

  constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type === 'worker') this.sessions.add(e.sessionId);
    });
    cdp.on('Target.detachedFromTarget', (e) => {
      if (e.sessionId) this.sessions.delete(e.sessionId);
    });
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown };
      const done = m.id === undefined ? undefined : this.pending.get(m.id);
      if (!done) return;
      this.pending.delete(m.id!);
      done(m.error ? { error: m.error } : m.result);
    });
  }

  /** Before the page starts its workers (existing ones are attached too). */
  async start(): Promise<void> {
    await this.cdp.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: false,
    });
  }

  get count(): number {
    return this.sessions.size;
  }

  private async send(sessionId: string, method: string): Promise<unknown> {
    const id = this.nextId++;
    const answer = new Promise<unknown>((resolve) => {
      this.pending.set(id, resolve);
      setTimeout(() => {
        if (this.pending.delete(id)) resolve({ error: 'no answer in 10 s' });
      }, 10_000);
    });
    await this.cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method }),
    });
    return answer;
  }

  /** Used JS heap of all workers after a forced GC in each, bytes; NaN if one did not answer. */
  async heapBytes(): Promise<number> {
    let total = 0;
    for (const s of [...this.sessions]) {
      await this.send(s, 'HeapProfiler.collectGarbage');
      await this.send(s, 'HeapProfiler.collectGarbage');
      const r = (await this.send(s, 'Runtime.getHeapUsage')) as { usedSize?: number };
      total += typeof r.usedSize === 'number' ? r.usedSize : NaN;
    }
    return total;
  }
}
