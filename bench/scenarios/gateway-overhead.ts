/**
 * Scenario 2 — gateway overhead and throughput, side by side in one run:
 *
 *   (a) our gateway (auth, limits, division routing over three instances);
 *   (b) plain @apollo/gateway, no routing, on a one-division supergraph;
 *   (c) Hive Gateway on the same one-division supergraph;
 *   (d) the subgraph called directly.
 *
 * (b)–(d) do not verify user tokens: the bench sends them the context token
 * our gateway would have signed, and they pass it on. Runs are interleaved
 * (for each operation and concurrency: a, b, c, d) so that a change in the
 * machine's load touches every variant alike.
 */
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bearer, contextHeader, dataOf, post, userToken, type UserClaims } from '../lib/client';
import type { Endpoint, Federation } from '../lib/federation';
import { loadNow } from '../lib/machine';
import { measureLoad, type LoadResult } from '../lib/load';
import type { Operation } from '../lib/operations';
import { freePort, MAIN, ROOT, startProcess, waitForStatus, type ServiceProcess } from '../lib/processes';

export type Variant = 'ours' | 'apollo' | 'hive' | 'direct';

export const VARIANT_TITLES: Record<Variant, string> = {
  ours: '(a) our gateway',
  apollo: '(b) plain @apollo/gateway',
  hive: '(c) Hive Gateway',
  direct: '(d) subgraph directly',
};

export interface OperationRun {
  variant: Variant;
  connections: number;
  round: number;
  load: LoadResult;
  /** uptime-style load average when the run started. */
  loadAverage: [number, number, number];
}

export interface OperationFigures {
  key: string;
  title: string;
  /** Whether (b) and (c) answer with the same data as (a); false where they can reach only one division. */
  sameDataEverywhere: boolean;
  directNote: string;
  responseBytes: Partial<Record<Variant, number>>;
  /** Variants that cannot answer this operation on their configuration, and what they answered. */
  skipped: Partial<Record<Variant, string>>;
  runs: OperationRun[];
}

export interface GatewayOverheadResult {
  connections: number[];
  rounds: number;
  seconds: number;
  warmSeconds: number;
  operations: OperationFigures[];
  peakRss: Record<string, number | undefined>;
}

export interface GatewayOverheadOptions {
  operations: Array<{ operation: Operation; sameDataEverywhere: boolean }>;
  connections: number[];
  /** How many times every (variant, connections) run is repeated; the report takes the median. */
  rounds: number;
  seconds: number;
  warmSeconds: number;
  /** Which comparisons to run; `ours` and `direct` need nothing extra. */
  variants: Variant[];
  /** The division of the one-division configuration. */
  division: string;
  workDir: string;
  log: (line: string) => void;
}

/** The committed subgraph schemas composed with real URLs: `division` is one instance. */
export function oneDivisionSupergraph(division: Endpoint, jointUrl: string, file: string): string {
  const sdl = (name: string) => parse(readFileSync(join(ROOT, 'schema', `${name}.graphql`), 'utf8'));
  const result = composeServices([
    { name: 'division', url: division.url, typeDefs: sdl('division') },
    { name: 'joint', url: jointUrl, typeDefs: sdl('joint') },
  ]);
  if (result.errors) throw new Error(`composing the one-division supergraph failed: ${result.errors.map((error) => error.message).join('; ')}`);
  writeFileSync(file, result.supergraphSdl);
  return file;
}

interface Targets {
  urls: Partial<Record<Variant, string>>;
  processes: ServiceProcess[];
  /** CPU time of the process each gateway variant runs in. */
  cpu: Partial<Record<Variant, () => number | undefined>>;
}

/** Both comparisons run as ours does, with NODE_ENV=production (graphql-js skips its development checks). */
async function startComparisons(federation: Federation, options: GatewayOverheadOptions): Promise<Targets> {
  const processes: ServiceProcess[] = [];
  const urls: Partial<Record<Variant, string>> = { ours: federation.gatewayUrl };
  const cpu: Targets['cpu'] = { ours: federation.cpuSeconds ? () => federation.cpuSeconds!('gateway') : undefined };
  const division = federation.divisions.find((candidate) => candidate.code === options.division)!;
  const supergraph = oneDivisionSupergraph(division, federation.jointUrl, join(options.workDir, 'one-division-supergraph.graphql'));
  if (options.variants.includes('apollo')) {
    const port = await freePort();
    const plain = startProcess('plain @apollo/gateway', MAIN.plainGateway, {
      env: { NODE_ENV: 'production', PORT: String(port), SUPERGRAPH_PATH: supergraph },
    });
    processes.push(plain);
    await waitForStatus(`http://127.0.0.1:${port}/health`, plain);
    urls.apollo = `http://127.0.0.1:${port}/graphql`;
    cpu.apollo = () => plain.cpuSeconds();
  }
  if (options.variants.includes('hive')) {
    const port = await freePort();
    const hive = startProcess('Hive Gateway', MAIN.hiveGateway, {
      args: [
        'supergraph',
        supergraph,
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
        '--config-path',
        join(ROOT, 'bench', 'gateways', 'hive-gateway.config.cjs'),
      ],
      env: { NODE_ENV: 'production', NODE_NO_WARNINGS: '1' },
    });
    processes.push(hive);
    await waitForStatus(`http://127.0.0.1:${port}/healthcheck`, hive);
    urls.hive = `http://127.0.0.1:${port}/graphql`;
    cpu.hive = () => hive.cpuSeconds();
  }
  return { urls, processes, cpu };
}

function directUrl(federation: Federation, operation: Operation, division: string): string {
  return operation.direct.subgraph === 'joint' ? federation.jointUrl : federation.divisions.find((candidate) => candidate.code === division)!.url;
}

/** The request a variant receives: our gateway gets the user's token, the others the signed context. */
async function requestFor(
  federation: Federation,
  variant: Variant,
  operation: Operation,
  url: string,
): Promise<{ url: string; headers: Record<string, string>; body: string }> {
  const user: UserClaims | undefined = operation.user;
  const headers = variant === 'ours' ? (user ? bearer(await userToken(user, federation.authSecret)) : {}) : await contextHeader(user, federation.contextSecret);
  const { query, variables } = variant === 'direct' ? operation.direct : operation;
  return { url, headers, body: JSON.stringify({ query, variables }) };
}

export async function gatewayOverhead(federation: Federation, options: GatewayOverheadOptions): Promise<GatewayOverheadResult> {
  const { log } = options;
  const targets = await startComparisons(federation, options);
  try {
    const figures: OperationFigures[] = [];
    for (const { operation, sameDataEverywhere } of options.operations) {
      log(`gateway overhead: ${operation.title}`);
      const urls: Partial<Record<Variant, string>> = { ...targets.urls, direct: directUrl(federation, operation, options.division) };
      const responseBytes: OperationFigures['responseBytes'] = {};
      const skipped: OperationFigures['skipped'] = {};
      for (const variant of options.variants.filter((candidate) => urls[candidate])) {
        const request = await requestFor(federation, variant, operation, urls[variant]!);
        const { query, variables } = variant === 'direct' ? operation.direct : operation;
        const answer = await post(request.url, query, variables, request.headers);
        try {
          const data = dataOf(answer, `${operation.key} through ${VARIANT_TITLES[variant]}`);
          if (variant === 'ours' || sameDataEverywhere) operation.check(data);
        } catch (error) {
          // A one-division configuration cannot resolve the other divisions' entries; say how it failed instead of loading it.
          if (variant === 'ours' || sameDataEverywhere) throw error;
          skipped[variant] = (error instanceof Error ? error.message : String(error)).slice(0, 300);
          log(`  ${VARIANT_TITLES[variant]}: not comparable on this configuration — ${skipped[variant]}`);
          continue;
        }
        responseBytes[variant] = answer.bytes;
      }
      const variants = options.variants.filter((variant) => responseBytes[variant] !== undefined);
      const runs: OperationRun[] = [];
      for (let round = 1; round <= (options.seconds > 0 ? options.rounds : 0); round++) {
        for (const connections of options.connections) {
          for (const variant of variants) {
            const request = await requestFor(federation, variant, operation, urls[variant]!);
            const loadAverage = loadNow();
            const load = await measureLoad(request, connections, options.seconds, options.warmSeconds, targets.cpu[variant]);
            if (load.failures > 0) throw new Error(`${operation.key} through ${VARIANT_TITLES[variant]}: ${load.failures} failed responses under load`);
            runs.push({ variant, connections, round, load, loadAverage });
            const cpuNote = load.gatewayCpuMsPerRequest === undefined ? '' : `  gateway CPU ${load.gatewayCpuMsPerRequest.toFixed(2)} ms/req`;
            log(
              `  ${VARIANT_TITLES[variant].padEnd(28)} c=${String(connections).padStart(2)}  ${load.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${load.p50Ms} ms  p99 ${load.p99Ms} ms${cpuNote}`,
            );
          }
        }
      }
      figures.push({ key: operation.key, title: operation.title, sameDataEverywhere, directNote: operation.direct.note, responseBytes, skipped, runs });
    }
    const peakRss = { ...federation.peakRss(), ...Object.fromEntries(targets.processes.map((service) => [service.name, service.peakRss()])) };
    return {
      connections: options.connections,
      rounds: options.rounds,
      seconds: options.seconds,
      warmSeconds: options.warmSeconds,
      operations: figures,
      peakRss,
    };
  } finally {
    await Promise.all(targets.processes.map((service) => service.stop()));
  }
}
