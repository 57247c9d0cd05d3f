/**
 * Scenario 5 — what one anonymous request can make the system do on a large
 * published draw: a ZA-only RANDOM task over the ZA directory (≥ 30,000
 * entries in the full run) at the smallest ratio (1 bp, a handful of
 * assignments), its results recorded and published, so its draw and record
 * are public. Then, without a token, as anyone on the internet could:
 *
 * - 30 aliases of `inspectionTask(id) { draw { verification { ok } } }`;
 * - 30 aliases of `inspectionTask(id) { draw { record } }`;
 * - ten views of the portal's draw page (`/tasks/:id/draw`);
 * - one download of the record (`/tasks/:id/draw/record.json`).
 *
 * Each is timed, its answer measured in bytes, and — when the services run as
 * processes — the CPU the joint subgraph and the gateway spent on it read from
 * /proc. Target for the two alias requests: refused by a limit, or answered
 * with under 200 ms of the joint's CPU.
 */
import { Coordinator, recordAndPublish, YEAR } from '../lib/directory';
import type { Federation } from '../lib/federation';

export interface AmplificationRequest {
  name: string;
  status: number;
  /** `extensions.code` of the answer's errors, distinct. */
  codes: string[];
  bytes: number;
  ms: number;
  /** CPU the joint subgraph process spent while the request ran, ms (processes only). */
  jointCpuMs?: number;
  gatewayCpuMs?: number;
}

export interface AmplificationResult {
  taskId: string;
  poolSize: number;
  selected: number;
  requests: AmplificationRequest[];
  /** The portal's draw page, per view (mean of `views`). */
  drawPage: AmplificationRequest & { views: number };
  record: AmplificationRequest;
}

export const ALIASES = 30;
export const JOINT_CPU_BOUND_MS = 200;
const PAGE_VIEWS = 10;

/** Codes that say a limit refused the request before it ran. */
export const LIMIT_CODES = ['QUERY_TOO_EXPENSIVE', 'RESPONSE_TOO_LARGE', 'GRAPHQL_VALIDATION_FAILED'];

function aliased(selection: string): string {
  return `query Amplified($id: ID!) { ${Array.from({ length: ALIASES }, (_, i) => `a${i}: inspectionTask(id: $id) { id draw { ${selection} } }`).join(' ')} }`;
}

export const VERIFICATION_30 = aliased('verification { ok }');
export const RECORD_30 = aliased('record');

async function measured(
  federation: Federation,
  name: string,
  send: () => Promise<{ status: number; text: string }>,
): Promise<AmplificationRequest & { text: string }> {
  const jointBefore = federation.cpuSeconds?.('joint');
  const gatewayBefore = federation.cpuSeconds?.('gateway');
  const started = performance.now();
  const { status, text } = await send();
  const ms = performance.now() - started;
  const jointAfter = federation.cpuSeconds?.('joint');
  const gatewayAfter = federation.cpuSeconds?.('gateway');
  let codes: string[] = [];
  try {
    const body = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string } }> };
    codes = [...new Set((body.errors ?? []).map((error) => String(error.extensions?.code)))];
  } catch {
    // a page or a download, not GraphQL
  }
  return {
    name,
    status,
    codes,
    bytes: Buffer.byteLength(text),
    ms,
    jointCpuMs: jointBefore === undefined || jointAfter === undefined ? undefined : (jointAfter - jointBefore) * 1000,
    gatewayCpuMs: gatewayBefore === undefined || gatewayAfter === undefined ? undefined : (gatewayAfter - gatewayBefore) * 1000,
    text,
  };
}

async function anonymousGraphQL(url: string, query: string, variables: Record<string, unknown>): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, text: await response.text() };
}

async function get(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url);
  return { status: response.status, text: await response.text() };
}

/** Whether a request met the target: refused by a limit, or answered with little of the joint's CPU. */
export function withinBound(request: AmplificationRequest): boolean | undefined {
  if (request.codes.some((code) => LIMIT_CODES.includes(code))) return true;
  if (request.jointCpuMs === undefined) return undefined;
  return request.jointCpuMs < JOINT_CPU_BOUND_MS;
}

export async function amplification(federation: Federation, log: (line: string) => void): Promise<AmplificationResult> {
  const coordinator = await Coordinator.signIn(federation);
  const taskId = await coordinator.committedTask({
    name: `${YEAR}年度旅馆业治安抽查（基准测试，放大请求）`,
    ratioBp: 1,
    highRiskRatioBp: 1,
    divisions: ['ZA'],
  });
  const drawn = await coordinator.draw(taskId);
  await recordAndPublish(federation, coordinator, taskId);
  log(`amplification: task ${taskId} published, pool ${drawn.poolSize}, ${drawn.selectedCount} drawn`);
  // Let the draw's own background work (if any) finish before measuring.
  await new Promise((resolve) => setTimeout(resolve, 2000));

  const site = federation.gatewayUrl.replace(/\/graphql$/, '');
  const requests: AmplificationRequest[] = [];
  for (const [name, query] of [
    [`${ALIASES} aliases of draw { verification { ok } }`, VERIFICATION_30],
    [`${ALIASES} aliases of draw { record }`, RECORD_30],
  ] as const) {
    const { text: _text, ...request } = await measured(federation, name, () => anonymousGraphQL(federation.gatewayUrl, query, { id: taskId }));
    requests.push(request);
    log(
      `  ${name}: HTTP ${request.status} ${request.codes.join(',') || 'no error'}, ${request.bytes} bytes, ${request.ms.toFixed(0)} ms, joint CPU ${request.jointCpuMs ?? '?'} ms`,
    );
  }

  const views = await measured(federation, `portal draw page × ${PAGE_VIEWS}`, async () => {
    let last = { status: 0, text: '' };
    for (let view = 0; view < PAGE_VIEWS; view++) last = await get(`${site}/tasks/${encodeURIComponent(taskId)}/draw`);
    return last;
  });
  const drawPage = {
    name: 'portal draw page, per view',
    status: views.status,
    codes: [],
    bytes: views.bytes,
    ms: views.ms / PAGE_VIEWS,
    jointCpuMs: views.jointCpuMs === undefined ? undefined : views.jointCpuMs / PAGE_VIEWS,
    gatewayCpuMs: views.gatewayCpuMs === undefined ? undefined : views.gatewayCpuMs / PAGE_VIEWS,
    views: PAGE_VIEWS,
  };
  log(`  draw page: HTTP ${drawPage.status}, ${drawPage.ms.toFixed(0)} ms per view, joint CPU ${drawPage.jointCpuMs ?? '?'} ms per view`);
  const { text: _record, ...record } = await measured(federation, 'record.json download', () =>
    get(`${site}/tasks/${encodeURIComponent(taskId)}/draw/record.json`),
  );
  log(`  record.json: HTTP ${record.status}, ${record.bytes} bytes, ${record.ms.toFixed(0)} ms`);
  return { taskId, poolSize: drawn.poolSize, selected: drawn.selectedCount, requests, drawPage, record };
}
