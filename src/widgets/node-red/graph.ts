/**
 * A Node-RED flow as a graph the importer can walk in both directions: wires, `link out` →
 * `link in` (and `link call` with its `return`), subflow instances into their definition and
 * out again, junctions and every other node as a hop. Built once, in one pass over the flow,
 * so an import is linear in the flow's size; every walk is bounded (hops, states, nesting)
 * and cycle-safe.
 */

export type FlowNode = Record<string, unknown> & { id: string; type: string };

/** One node on the way from an `mqtt in` to a widget or from a widget to an `mqtt out`. */

/** Walks stop after this many hops: a chain longer than this is no dashboard's wiring. */
const MAX_HOPS = 40;
/** And after visiting this many (node, call stack) states, whatever the flow's shape. */
const MAX_STATES = 4000;
/** Subflows in subflows (and link calls) deeper than this are not followed. */
const MAX_NESTING = 8;

interface Port {
  readonly id: string;
  readonly port: number;
}
interface SubflowDef {
  readonly inputs: readonly string[];
  /** Per output: the inner nodes (and ports) wired to it; the subflow's own id = its input. */
  readonly outputs: ReadonlyArray<readonly Port[]>;
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** A node's output ports as lists of target ids. */
export function outputs(n: FlowNode): string[][] {
  return Array.isArray(n.wires) ? (n.wires as unknown[]).map(strings) : [];
}

export function isDashboardType(type: string): boolean {
  return type.startsWith('ui_') || type.startsWith('ui-');
}

export class FlowGraph {
  readonly byId = new Map<string, FlowNode>();
  /** target id → the nodes (and their ports) wired to it. */
  private readonly incoming = new Map<string, Port[]>();
  private readonly linkSources = new Map<string, string[]>();
  private readonly linkCallsTo = new Map<string, string[]>();
  private readonly returnsOnTab = new Map<string, string[]>();
  private readonly subflows = new Map<string, SubflowDef>();
  /** inner node id → the subflow whose input feeds it. */
  private readonly fedBySubflowInput = new Map<string, string>();
  private readonly instancesOf = new Map<string, string[]>();

  constructor(nodes: readonly FlowNode[]) {
    for (const n of nodes) this.byId.set(n.id, n);
    const push = <T>(m: Map<string, T[]>, k: string, v: T) => {
      const list = m.get(k);
      if (list) list.push(v);
      else m.set(k, [v]);
    };
    for (const n of nodes) {
      outputs(n).forEach((targets, port) => {
        for (const t of targets) push(this.incoming, t, { id: n.id, port });
      });
      if (n.type === 'link out' && n.mode !== 'return') {
        for (const l of strings(n.links)) push(this.linkSources, l, n.id);
      } else if (n.type === 'link out') {
        push(this.returnsOnTab, String(n.z ?? ''), n.id);
      } else if (n.type === 'link in') {
        // Older flows list the link on the `link in` side only.
        for (const l of strings(n.links)) push(this.linkSources, n.id, l);
      } else if (n.type === 'link call') {
        for (const l of strings(n.links)) push(this.linkCallsTo, l, n.id);
      } else if (n.type === 'subflow') {
        const def = subflowDef(n);
        this.subflows.set(n.id, def);
        for (const id of def.inputs) this.fedBySubflowInput.set(id, n.id);
      } else if (n.type.startsWith('subflow:')) {
        push(this.instancesOf, n.type.slice('subflow:'.length), n.id);
      }
    }
    for (const [k, v] of this.linkSources) this.linkSources.set(k, [...new Set(v)]);
  }

  /**
   * Upstream from `start` to every node for which `isSource` holds: each found with the hops
   * between it and `start` (source first, `start` excluded). `isStop`: do not walk past.
   */
  upstream(
    start: FlowNode,
    isSource: (n: FlowNode) => boolean,
    isStop: (n: FlowNode) => boolean,
  ): Array<{ source: FlowNode; hops: FlowNode[] }> {
    return this.walk(start, isSource, isStop, (s) => this.before(s)).map(({ found, path }) => ({
      source: found,
      hops: path.reverse(),
    }));
  }

  /** Downstream from `start` to every sink: each with the hops between (start excluded). */
  downstream(
    start: FlowNode,
    isSink: (n: FlowNode) => boolean,
    isStop: (n: FlowNode) => boolean,
  ): Array<{ sink: FlowNode; hops: FlowNode[] }> {
    return this.walk(start, isSink, isStop, (s) => this.after(s)).map(({ found, path }) => ({
      sink: found,
      hops: path,
    }));
  }

  /** Breadth first over (node, call stack) states; `path`: the hops from `start` to it. */
  private walk(
    start: FlowNode,
    isEnd: (n: FlowNode) => boolean,
    isStop: (n: FlowNode) => boolean,
    next: (s: State) => State[],
  ): Array<{ found: FlowNode; path: FlowNode[] }> {
    const seen = new Set<string>();
    const parent = new Map<State, State | null>();
    const results: Array<{ found: FlowNode; path: FlowNode[] }> = [];
    const first: State = { id: start.id, stack: [], depth: 0 };
    parent.set(first, null);
    let queue: State[] = [first];
    seen.add(keyOf(first));
    while (queue.length > 0 && seen.size < MAX_STATES) {
      const nextQueue: State[] = [];
      for (const s of queue) {
        for (const t of next(s)) {
          const k = keyOf(t);
          if (seen.has(k)) continue;
          seen.add(k);
          const node = this.byId.get(t.id);
          if (!node) continue;
          parent.set(t, s);
          if (isEnd(node)) {
            results.push({ found: node, path: this.pathTo(s, parent) });
            continue;
          }
          if (isStop(node) || t.depth >= MAX_HOPS) continue;
          nextQueue.push(t);
        }
      }
      queue = nextQueue;
    }
    return results;
  }

  private pathTo(s: State, parent: Map<State, State | null>): FlowNode[] {
    const path: FlowNode[] = [];
    // Up to, not including, the start (the only state whose parent is null).
    for (let p: State | null = s; p && parent.get(p) !== null; p = parent.get(p) ?? null) {
      const n = this.byId.get(p.id);
      if (n) path.push(n);
    }
    return path.reverse();
  }

  /** The states a message can come from into `s`. */
  private before(s: State): State[] {
    const out: State[] = [];
    const d = s.depth + 1;
    const node = this.byId.get(s.id);
    const add = (id: string, stack: readonly string[]) => out.push({ id, stack, depth: d });
    for (const src of this.incoming.get(s.id) ?? []) {
      const from = this.byId.get(src.id);
      if (!from) continue;
      if (from.type.startsWith('subflow:')) {
        // Out of an instance: into its definition, at the output's inner nodes.
        const def = this.subflows.get(from.type.slice('subflow:'.length));
        if (!def || s.stack.length >= MAX_NESTING) continue;
        const stack = [...s.stack, from.id];
        for (const inner of def.outputs[src.port] ?? []) {
          if (this.subflows.has(inner.id)) {
            // The subflow's input wired straight to its output.
            for (const i of this.incoming.get(from.id) ?? []) add(i.id, s.stack);
          } else add(inner.id, stack);
        }
      } else if (from.type === 'link call') {
        // A link call's output is what its callee's `return` link out sends back.
        if (s.stack.length >= MAX_NESTING) continue;
        const stack = [...s.stack, from.id];
        for (const target of strings(from.links)) {
          const tab = String(this.byId.get(target)?.z ?? '');
          for (const r of this.returnsOnTab.get(tab) ?? []) add(r, stack);
        }
      } else add(src.id, s.stack);
    }
    if (node?.type === 'link in') {
      for (const l of this.linkSources.get(node.id) ?? []) add(l, s.stack);
      const top = s.stack.at(-1);
      const calls = this.linkCallsTo.get(node.id) ?? [];
      for (const c of calls) {
        if (top === undefined || top === c) {
          const stack = top === c ? s.stack.slice(0, -1) : s.stack;
          for (const i of this.incoming.get(c) ?? []) add(i.id, stack);
        }
      }
    }
    // Fed by the subflow's input: back out to the instance it was entered by (or all).
    const sf = this.fedBySubflowInput.get(s.id);
    if (sf) {
      const top = s.stack.at(-1);
      const instances =
        top !== undefined && this.byId.get(top)?.type === `subflow:${sf}`
          ? [top]
          : top === undefined
            ? (this.instancesOf.get(sf) ?? [])
            : [];
      const stack = top !== undefined ? s.stack.slice(0, -1) : s.stack;
      for (const inst of instances) {
        for (const i of this.incoming.get(inst) ?? []) add(i.id, stack);
      }
    }
    return out;
  }

  /** The states a message from `s` goes to. */
  private after(s: State): State[] {
    const out: State[] = [];
    const d = s.depth + 1;
    const node = this.byId.get(s.id);
    if (!node) return out;
    const add = (id: string, stack: readonly string[]) => out.push({ id, stack, depth: d });
    const top = s.stack.at(-1);
    const targets = (n: FlowNode, port?: number) =>
      port === undefined ? outputs(n).flat() : (outputs(n)[port] ?? []);
    if (node.type.startsWith('subflow:')) {
      const sfId = node.type.slice('subflow:'.length);
      const def = this.subflows.get(sfId);
      if (def && s.stack.length < MAX_NESTING) {
        for (const id of def.inputs) add(id, [...s.stack, node.id]);
        // Input wired straight to an output.
        def.outputs.forEach((ports, p) => {
          if (ports.some((x) => x.id === sfId)) for (const t of targets(node, p)) add(t, s.stack);
        });
      }
      return out;
    }
    if (node.type === 'link out') {
      if (node.mode === 'return') {
        const caller = top !== undefined ? this.byId.get(top) : undefined;
        if (caller?.type === 'link call') {
          for (const t of targets(caller)) add(t, s.stack.slice(0, -1));
        }
      } else {
        for (const l of strings(node.links)) add(l, s.stack);
      }
      return out;
    }
    if (node.type === 'link call') {
      if (s.stack.length < MAX_NESTING) {
        for (const l of strings(node.links)) add(l, [...s.stack, node.id]);
      }
      return out;
    }
    for (const t of targets(node)) add(t, s.stack);
    // An inner node wired to its subflow's output: on to the instance's wires.
    const inst = top !== undefined ? this.byId.get(top) : undefined;
    if (inst?.type.startsWith('subflow:')) {
      const def = this.subflows.get(inst.type.slice('subflow:'.length));
      def?.outputs.forEach((ports, p) => {
        if (ports.some((x) => x.id === node.id)) {
          for (const t of targets(inst, p)) add(t, s.stack.slice(0, -1));
        }
      });
    }
    return out;
  }
}

interface State {
  readonly id: string;
  readonly stack: readonly string[];
  readonly depth: number;
}

const keyOf = (s: State) => (s.stack.length === 0 ? s.id : `${s.id}|${s.stack.join('|')}`);

function subflowDef(n: FlowNode): SubflowDef {
  const ports = (v: unknown): Port[] =>
    Array.isArray(v)
      ? v
          .filter((w): w is { id: string; port?: unknown } => typeof w?.id === 'string')
          .map((w) => ({ id: w.id, port: Number(w.port) || 0 }))
      : [];
  const list = (v: unknown) => (Array.isArray(v) ? (v as Array<{ wires?: unknown }>) : []);
  return {
    inputs: list(n.in).flatMap((i) => ports(i?.wires).map((p) => p.id)),
    outputs: list(n.out).map((o) => ports(o?.wires)),
  };
}
