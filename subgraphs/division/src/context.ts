import type { EntityManager } from '@mikro-orm/core';
import type { Logger } from '../../../common/logger';
import type { Viewer } from '../../../common/viewer';
import type { Orm } from '../../../common/orm';
import { createDivisionLoaders, type DivisionLoaders } from './loaders';

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

/**
 * A request's context. The EntityManager is forked on first use: most
 * requests the gateway sends are entity references, answered from plain rows
 * (`loaders.ts`) without one. The fork lives in a holder shared by reference
 * because Apollo Server copies the context's own properties into a new object
 * per operation; the getter sits on the prototype, which the copy keeps.
 */
export class DivisionRequestContext implements DivisionContext {
  readonly loaders: DivisionLoaders;
  private readonly forked: { em?: EntityManager };

  constructor(
    private readonly orm: Orm,
    readonly viewer: Viewer,
    readonly division: DivisionIdentity,
    readonly logger: Logger,
  ) {
    const forked: { em?: EntityManager } = {};
    this.forked = forked;
    this.loaders = createDivisionLoaders(orm.em, () => (forked.em ??= orm.em.fork()));
  }

  get em(): EntityManager {
    return (this.forked.em ??= this.orm.em.fork());
  }
}
