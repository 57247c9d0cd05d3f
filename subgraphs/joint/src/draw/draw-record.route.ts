import type { Express, RequestHandler } from 'express';
import { jsonError } from '../../../../common/http-errors';
import type { Orm } from '../../../../common/orm';
import { couldBeStoredKey } from '../../../../common/text';
import type { Viewer } from '../../../../common/viewer';
import { canSeeSelection, canSeeTask } from '../tasks/task-access';
import { InspectionTask } from '../tasks/inspection-task.entity';
import { DrawRow } from './draw.entity';
import { TaskPoolRow } from './task-pool.entity';

/** Where the gateway reads a record from: `GET /draw-records/<task id>` beside the joint's `/graphql`. */
export const DRAW_RECORDS_PATH = '/draw-records';

/** Where the gateway reads a task's public pool from: `GET /draw-pools/<task id>`. */
export const DRAW_POOLS_PATH = '/draw-pools';

/**
 * A draw record as a file: the canonical JSON exactly as stored, once per
 * request, with an ETag (the draw's seed: a record never changes) so a
 * repeated download is answered 304 without sending it again. Only for
 * requests the gateway signed, and only to viewers who may read the record
 * (`canSeeSelection`) — for the portal's anonymous downloads, published ones.
 */
export function mountDrawRecords(app: Express, requireContext: RequestHandler, orm: Orm): void {
  app.get(`${DRAW_RECORDS_PATH}/:task`, requireContext, async (req, res, next) => {
    try {
      const viewer = res.locals.viewer as Viewer;
      const id = String(req.params.task ?? '');
      const em = orm.em.fork();
      const task = couldBeStoredKey(id) ? await em.findOne(InspectionTask, { id }) : null;
      const draw = task && canSeeTask(viewer, task) ? await em.findOne(DrawRow, { task: id }, { fields: ['task', 'seed'] }) : null;
      if (!task || !draw) {
        jsonError(res, 404, 'NOT_FOUND', `没有任务 ${id} 的抽取记录 (no draw record for task ${id})`);
        return;
      }
      if (!canSeeSelection(viewer, task)) {
        jsonError(res, 403, 'FORBIDDEN', '抽取记录列明了被抽中的检查对象，检查结果公示后向社会公开 (the record is public once the results are published)');
        return;
      }
      const etag = `"${draw.seed}"`;
      res.setHeader('ETag', etag);
      if (req.header('if-none-match') === etag) {
        res.status(304).end();
        return;
      }
      const { record } = await em.findOneOrFail(DrawRow, { task: id }, { fields: ['record'], disableIdentityMap: true });
      res.type('application/json; charset=utf-8').send(Buffer.from(record, 'utf8'));
    } catch (error) {
      next(error);
    }
  });

  // The public pool (docs/draw-algorithm.md §3): public from the commit on, like the task itself, so
  // that anyone can keep it and its digest before the beacon value exists.
  app.get(`${DRAW_POOLS_PATH}/:task`, requireContext, async (req, res, next) => {
    try {
      const viewer = res.locals.viewer as Viewer;
      const id = String(req.params.task ?? '');
      const em = orm.em.fork();
      const task = couldBeStoredKey(id) ? await em.findOne(InspectionTask, { id }) : null;
      const pool = task && canSeeTask(viewer, task) ? await em.findOne(TaskPoolRow, { task: id }, { fields: ['task', 'digest'] }) : null;
      if (!task || !pool) {
        jsonError(res, 404, 'NOT_FOUND', `没有任务 ${id} 的公开抽取池 (no public pool for task ${id})`);
        return;
      }
      const etag = `"${pool.digest}"`;
      res.setHeader('ETag', etag);
      if (req.header('if-none-match') === etag) {
        res.status(304).end();
        return;
      }
      const { publicPool } = await em.findOneOrFail(TaskPoolRow, { task: id }, { fields: ['publicPool'], disableIdentityMap: true });
      res.type('application/json; charset=utf-8').send(Buffer.from(publicPool, 'utf8'));
    } catch (error) {
      next(error);
    }
  });
}
