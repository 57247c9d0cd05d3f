import type { EntityManager } from '@mikro-orm/core';
import type { Logger } from '../../../common/logger';
import type { Viewer } from '../../../common/viewer';
import type { DivisionLoaders } from './loaders';

/** The division an instance serves. */
export interface DivisionIdentity {
  code: string;
  name: string;
}

export interface DivisionContext {
  viewer: Viewer;
  em: EntityManager;
  loaders: DivisionLoaders;
  division: DivisionIdentity;
  logger: Logger;
}
