import type { ServiceMetrics } from '../../../common/metrics';

/** What operators watch on the joint office: how long draws and publications take, and how big pools are. */
export function jointMetrics(metrics: ServiceMetrics) {
  return {
    drawDuration: metrics.histogram(
      'ssj_draw_duration_seconds',
      'Time to draw a task, pools read to record stored',
      ['outcome'],
      [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    ),
    poolSize: metrics.histogram('ssj_draw_pool_size', 'Entities in the pool of a draw', [], [10, 100, 1000, 10_000, 50_000, 100_000, 500_000]),
    publicationDuration: metrics.histogram(
      'ssj_publication_duration_seconds',
      "Time to publish a task's results",
      ['outcome'],
      [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    ),
  };
}

export type JointMetrics = ReturnType<typeof jointMetrics>;
