import type { EntityManager } from '@mikro-orm/core';
import type { Logger } from '../../../common/logger';
import type { Viewer } from '../../../common/viewer';
import type { LodgingLoaders } from './loaders';

export interface LodgingContext {
  viewer: Viewer;
  em: EntityManager;
  loaders: LodgingLoaders;
  /** The division whose hotels this system holds (治安, ZA). */
  division: string;
  logger: Logger;
}
