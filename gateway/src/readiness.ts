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

/**
 * Asks every endpoint for `_service { sdl }` and compares it with the committed
 * schema. The division router consults the last result, so an instance running
 * another version of the division schema is not used.
 */
export class Readiness {
  private readonly states = new Map<string, { state: EndpointState; error?: string }>();
  private timer?: NodeJS.Timeout;

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
    return this.states.get(key)?.state ?? 'unchecked';
  }

  private async probe(probe: Probe): Promise<{ state: EndpointState; error?: string }> {
    if (probe.refused) return { state: 'refused', error: probe.refused };
    try {
      const response = await fetch(probe.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: await signContext(serviceViewer('gateway'), this.contextKey) },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
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

  async check(): Promise<ReadyReport> {
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
    return report;
  }

  /** Re-checks in the background so a replaced instance is noticed without a restart. */
  startPolling(intervalMs: number): void {
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
