/**
 * Load with autocannon: a fixed number of connections sending one operation
 * for a fixed time, after a warm-up at the same concurrency. Every response
 * body is checked for GraphQL errors, so a gateway answering fast with
 * errors cannot look good.
 */
// autocannon ships no types; the part used here is small.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

interface Histogram {
  average: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  throughput: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  duration: number;
}

export interface LoadResult {
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  requests: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Connection errors, timeouts, non-2xx statuses and bodies carrying `"errors"`. */
  failures: number;
  bytesPerSecond: number;
  /**
   * CPU the gateway process spent per request during the measured run, in
   * milliseconds: less sensitive than throughput to what else the machine runs.
   */
  gatewayCpuMsPerRequest?: number;
}

export interface LoadRequest {
  url: string;
  headers: Record<string, string>;
  /** A POST with this body; a GET without one. */
  body?: string;
}

async function fire(request: LoadRequest, connections: number, seconds: number): Promise<AutocannonResult> {
  return autocannon({
    url: request.url,
    method: request.body === undefined ? 'GET' : 'POST',
    headers: request.body === undefined ? request.headers : { 'content-type': 'application/json', ...request.headers },
    ...(request.body === undefined ? {} : { body: request.body }),
    connections,
    duration: seconds,
    timeout: 30,
    verifyBody: (body: string) => !body.includes('"errors"'),
  });
}

/**
 * `warmSeconds` at the same concurrency (discarded), then `seconds` measured;
 * `cpuSeconds` reads the CPU time of the process serving the requests, if any.
 */
export async function measureLoad(
  request: LoadRequest,
  connections: number,
  seconds: number,
  warmSeconds: number,
  cpuSeconds?: () => number | undefined,
): Promise<LoadResult> {
  if (warmSeconds > 0) await fire(request, connections, warmSeconds);
  const cpuBefore = cpuSeconds?.();
  const result = await fire(request, connections, seconds);
  const cpuAfter = cpuSeconds?.();
  const cpuMs = cpuBefore !== undefined && cpuAfter !== undefined ? (cpuAfter - cpuBefore) * 1000 : undefined;
  return {
    connections,
    seconds: result.duration,
    requestsPerSecond: result.requests.total / result.duration,
    requests: result.requests.total,
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    failures: result.errors + result.timeouts + result.non2xx + result.mismatches,
    bytesPerSecond: result.throughput.average,
    gatewayCpuMsPerRequest: cpuMs !== undefined && result.requests.total > 0 ? cpuMs / result.requests.total : undefined,
  };
}
