import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONTEXT_HEADER, serviceViewer, signContext } from '../../common/context-token';

/** One subgraph endpoint the gateway depends on. */
export interface Probe {
  /** `joint`, or `division:ZA` for a division instance. */
  key: string;
  url: string;
  /** The SDL the endpoint must announce; without one, answering at all is enough. */
  expectedSdl?: string;
  /** Set for a division instance the gateway refused to admit (it failed the division contract): reported, not asked. */
  refused?: string;
}

export type EndpointState = 'ok' | 'mismatch' | 'down' | 'unchecked' | 'refused';

export interface ReadyReport {
  ready: boolean;
  subgraphs: Record<string, { url: string; ok: boolean; state: EndpointState; error?: string }>;
}

/** `schema/<name>.graphql` beside the supergraph, when it is there. */
export function expectedSdlFor(supergraphPath: string, subgraph: string): string | undefined {
  const file = join(dirname(supergraphPath), `${subgraph}.graphql`);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

const PROBE_TIMEOUT_MS = 3000;
/** While something is missing, how soon a request may cause another round of probes (one round at a time, shared). */
const RECHECK_MS = 1000;
const PROBE = JSON.stringify({ query: 'query ReadinessProbe { _service { sdl } }', operationName: 'ReadinessProbe' });

/**
 * Asks every endpoint for `_service { sdl }` and compares it with the committed
 * schema, in the background on an interval. The division router consults the
 * last result, so an instance running another version of the division schema
 * is not used, and `/ready` answers from it: no request fans out to every
 * subgraph. Only while something is missing may a request (a failed fetch, a
 * call for a division that was down, a look at /ready) bring the next round
 * forward, at most once a second, one round at a time.
 */
export class Readiness {
  private readonly states = new Map<string, { state: EndpointState; error?: string }>();
  private timer?: NodeJS.Timeout;
  private last: ReadyReport = { ready: false, subgraphs: {} };
  private lastCheckedAt = 0;
  private running?: Promise<ReadyReport>;
  private deferred?: { timer: NodeJS.Timeout; next: Promise<ReadyReport>; settle: (report: ReadyReport | Promise<ReadyReport>) => void };

  constructor(
    private probes: Probe[],
    private readonly contextKey: Uint8Array,
  ) {
    for (const probe of probes) this.states.set(probe.key, { state: 'unchecked' });
  }

  /** After a new supergraph or division list: the endpoints from now on; an endpoint kept at the same URL keeps its state. */
  replaceProbes(probes: Probe[]): void {
    const before = new Map(this.probes.map((probe) => [probe.key, probe]));
    this.probes = probes;
    for (const key of [...this.states.keys()]) if (!probes.some((probe) => probe.key === key)) this.states.delete(key);
    for (const probe of probes) {
      const kept = before.get(probe.key);
      if (!kept || kept.url !== probe.url || kept.refused !== probe.refused) this.states.set(probe.key, { state: 'unchecked' });
    }
  }

  state(key: string): EndpointState {
    const state = this.states.get(key)?.state ?? 'unchecked';
    if (state === 'down') this.refreshSoon();
    return state;
  }

  private async probe(probe: Probe): Promise<{ state: EndpointState; error?: string }> {
    if (probe.refused) return { state: 'refused', error: probe.refused };
    try {
      const response = await fetch(probe.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: await signContext(serviceViewer('gateway'), this.contextKey) },
        body: PROBE,
        signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      });
      const body = (await response.json()) as { data?: { _service?: { sdl?: string } } };
      const sdl = body.data?._service?.sdl;
      if (typeof sdl !== 'string') return { state: 'down', error: `HTTP ${response.status}: no schema in the answer` };
      if (probe.expectedSdl !== undefined && sdl.trim() !== probe.expectedSdl.trim()) {
        return { state: 'mismatch', error: 'DIVISION_SCHEMA_MISMATCH: the instance announces a different schema than the committed one' };
      }
      return { state: 'ok' };
    } catch (error) {
      return { state: 'down', error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** One round of probes (joined, when one is already running). */
  check(): Promise<ReadyReport> {
    this.running ??= this.probeAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async probeAll(): Promise<ReadyReport> {
    this.lastCheckedAt = Date.now();
    const results = await Promise.all(this.probes.map(async (probe) => [probe, await this.probe(probe)] as const));
    const report: ReadyReport = { ready: true, subgraphs: {} };
    for (const [probe, result] of results) {
      // The endpoints were replaced while this check ran: its answer is about an endpoint no longer used.
      if (!this.probes.includes(probe)) continue;
      this.states.set(probe.key, result);
      const ok = result.state === 'ok';
      if (!ok) report.ready = false;
      report.subgraphs[probe.key] = { url: probe.url, ok, state: result.state, ...(result.error ? { error: result.error } : {}) };
    }
    this.last = report;
    return report;
  }

  /** The next round: the one in flight, or one started as soon as a second has passed since the last. */
  private nextRound(): Promise<ReadyReport> {
    if (this.running) return this.running;
    const wait = this.lastCheckedAt + RECHECK_MS - Date.now();
    if (wait <= 0) return this.check();
    if (!this.deferred) {
      let settle!: (report: ReadyReport | Promise<ReadyReport>) => void;
      const next = new Promise<ReadyReport>((done) => (settle = done));
      const timer = setTimeout(() => {
        this.deferred = undefined;
        settle(this.check());
      }, wait);
      timer.unref();
      this.deferred = { timer, next, settle };
    }
    return this.deferred.next;
  }

  /** The last round's report while everything answered; while something was missing, the next round's (within a second). */
  async current(): Promise<ReadyReport> {
    if (this.running) return this.running;
    return this.last.ready ? this.last : this.nextRound();
  }

  /**
   * A real fetch to `key` failed: it counts as down from now (the router and
   * /ready see it at once), until a round of probes finds it again.
   */
  markDown(key: string, error: string): void {
    if (!this.states.has(key)) return;
    this.states.set(key, { state: 'down', error });
    const entry = this.last.subgraphs[key];
    if (entry) this.last = { ready: false, subgraphs: { ...this.last.subgraphs, [key]: { ...entry, ok: false, state: 'down', error } } };
  }

  /** Something looks wrong (a division that was down is asked for): probe again soon, not more than once a second. */
  refreshSoon(): void {
    void this.nextRound();
  }

  /** Re-checks in the background so a replaced instance is noticed without a restart. */
  startPolling(intervalMs: number): void {
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.deferred) {
      clearTimeout(this.deferred.timer);
      this.deferred.settle(this.last);
      this.deferred = undefined;
    }
  }
}
