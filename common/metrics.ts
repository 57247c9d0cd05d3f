import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Express, Request } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { jsonError } from './http-errors';
import { operationLabel } from './operation-names';
import type { OpsNetworks } from './ops-networks';
import { rateLimit } from './rate-limit';

/** Who may read /metrics: clients in the operations networks, and whoever `alsoAllowed` admits (a supervisor's token at the gateway). */
export interface MetricsAccess {
  networks: OpsNetworks;
  alsoAllowed?: (req: Request) => Promise<boolean>;
}

/** A scrape from outside the operations networks is served from a copy at most this old. */
const CACHE_MS = 1000;
/** Per client outside the operations networks: a scraper every few seconds is far inside. */
const SCRAPE_LIMIT = { capacity: 10, refillPerSecond: 1 };

/**
 * Prometheus metrics of one service. Each service has its own registry, so the
 * five divisions, the joint subgraph and the gateway can share a process
 * (`npm start`) without their series colliding.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'operation' | 'outcome'>;
  readonly latency: Histogram<'operation'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'ssj_graphql_requests_total',
      help: 'GraphQL operations by name and outcome',
      labelNames: ['operation', 'outcome'],
      registers: [this.registry],
    });
    this.latency = new Histogram({
      name: 'ssj_graphql_request_duration_seconds',
      help: 'GraphQL operation latency by name',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
  }

  counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  histogram<L extends string>(name: string, help: string, labelNames: L[], buckets: number[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  /**
   * Counts and times every operation by its label: the name when the system
   * knows the operation, `anonymous` without one, `other` for any name a client
   * made up (`common/operation-names.ts`) — so the series stay bounded.
   */
  plugin<C extends BaseContext>(): ApolloServerPlugin<C> {
    const { requests, latency } = this;
    return {
      async requestDidStart() {
        const started = process.hrtime.bigint();
        return {
          async willSendResponse({ operationName, errors, response }) {
            const operation = operationLabel(operationName);
            const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
            const failed = (errors?.length ?? 0) > 0 || (body?.errors?.length ?? 0) > 0;
            requests.inc({ operation, outcome: failed ? 'error' : 'ok' });
            latency.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
          },
        };
      },
    };
  }

  /**
   * Serves /metrics to the operations networks (fresh, unlimited: operators'
   * own tools) and to whoever `access.alsoAllowed` admits (rate-limited per
   * client, from a copy at most a second old); anyone else gets 403 without
   * a render.
   */
  mount(app: Express, access: MetricsAccess): void {
    const limited = rateLimit({ ...SCRAPE_LIMIT, skip: (req) => access.networks.includes(req.socket.remoteAddress) });
    let cached: { at: number; text: Promise<string> } | undefined;
    app.get('/metrics', limited, async (req, res, next) => {
      try {
        const operator = access.networks.includes(req.socket.remoteAddress);
        if (!operator && !(await access.alsoAllowed?.(req))) {
          jsonError(res, 403, 'FORBIDDEN', '指标仅向运维网络开放 (metrics are served to the operations networks only, see OPS_NETWORKS)');
          return;
        }
        let text: Promise<string>;
        if (operator) {
          text = this.registry.metrics();
        } else {
          if (!cached || Date.now() - cached.at > CACHE_MS) cached = { at: Date.now(), text: this.registry.metrics() };
          text = cached.text;
        }
        res.setHeader('content-type', this.registry.contentType);
        res.send(await text);
      } catch (error) {
        next(error);
      }
    });
  }
}
