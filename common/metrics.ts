import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Express } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

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

  /** Counts and times every operation; unnamed ones are grouped as `anonymous`. */
  plugin<C extends BaseContext>(): ApolloServerPlugin<C> {
    const { requests, latency } = this;
    return {
      async requestDidStart() {
        const started = process.hrtime.bigint();
        return {
          async willSendResponse({ operationName, errors, response }) {
            const operation = (operationName ?? 'anonymous').slice(0, 100);
            const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
            const failed = (errors?.length ?? 0) > 0 || (body?.errors?.length ?? 0) > 0;
            requests.inc({ operation, outcome: failed ? 'error' : 'ok' });
            latency.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
          },
        };
      },
    };
  }

  mount(app: Express): void {
    app.get('/metrics', async (_req, res) => {
      res.setHeader('content-type', this.registry.contentType);
      res.send(await this.registry.metrics());
    });
  }
}
