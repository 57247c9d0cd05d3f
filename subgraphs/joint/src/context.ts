import type { EntityManager } from '@mikro-orm/core';
import type { Logger } from '../../../common/logger';
import type { Viewer } from '../../../common/viewer';
import type { WorkingDayCalendar } from './calendar/working-days';
import type { DivisionDirectoryClient } from './divisions/division-client';
import type { DrawVerifications } from './draw/draw-verifications';
import type { JointLoaders } from './loaders';
import type { JointMetrics } from './metrics';
import type { AttachmentStores } from './evidence/attachment-store';

export interface JointContext {
  viewer: Viewer;
  em: EntityManager;
  loaders: JointLoaders;
  divisions: DivisionDirectoryClient;
  /** The working-day calendar with every administrator-loaded year. */
  calendar(): Promise<WorkingDayCalendar>;
  /** The current instant; fixed in some tests. */
  now(): Date;
  metrics: JointMetrics;
  /** Stored draws' verifications (run in a worker thread, read from the draw row). */
  verifications: DrawVerifications;
  logger: Logger;
  /** Signs the paperwork and evidence download links the gateway serves (common/download-url.ts). */
  downloadKey: Buffer;
  /** Where evidence files are stored (the joint database by default). */
  attachmentStores: AttachmentStores;
}
