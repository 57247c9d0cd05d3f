import { errors, type Adapter, type AdapterPayload } from 'oidc-provider';
import type { Orm } from '../../../common/orm';
import { ProviderRecord } from './provider-record.entity';

/**
 * oidc-provider's storage interface over the service's database (its built-in
 * store is in memory and meant for development only). Each call works in its
 * own entity manager: the provider calls these from its own request handling.
 */
export function databaseAdapter(orm: Orm): new (model: string) => Adapter {
  return class DatabaseAdapter implements Adapter {
    constructor(private readonly model: string) {}

    private async findBy(where: Partial<Pick<ProviderRecord, 'id' | 'uid' | 'userCode'>>): Promise<AdapterPayload | undefined> {
      const record = await orm.em.fork().findOne(ProviderRecord, { model: this.model, ...where });
      if (!record || (record.expiresAt && record.expiresAt.getTime() <= Date.now())) return undefined;
      return { ...record.payload, ...(record.consumedAt ? { consumed: Math.floor(record.consumedAt.getTime() / 1000) } : {}) };
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number | undefined): Promise<void> {
      const em = orm.em.fork();
      await em.upsert(ProviderRecord, {
        model: this.model,
        id,
        payload: payload as Record<string, unknown>,
        grantId: payload.grantId ?? null,
        uid: payload.uid ?? null,
        userCode: payload.userCode ?? null,
        // consumedAt is left as it is: saving an artifact again never makes a used code or token new.
        expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      });
      // Expired artifacts are of no use to anyone: each write clears those of its model.
      await em.nativeDelete(ProviderRecord, { model: this.model, expiresAt: { $lt: new Date() } });
    }

    find(id: string): Promise<AdapterPayload | undefined> {
      return this.findBy({ id });
    }

    findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return this.findBy({ uid });
    }

    findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return this.findBy({ userCode });
    }

    /**
     * Marks a code or refresh token used, once: of two requests redeeming it at the same moment
     * (both found it unused) only one marks it, and the other is refused as an invalid grant.
     */
    async consume(id: string): Promise<void> {
      const marked = await orm.em.fork().nativeUpdate(ProviderRecord, { model: this.model, id, consumedAt: null }, { consumedAt: new Date() });
      if (marked === 0) throw new errors.InvalidGrant(`${this.model} already used`);
    }

    async destroy(id: string): Promise<void> {
      await orm.em.fork().nativeDelete(ProviderRecord, { model: this.model, id });
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      // A grant's artifacts are of several models (codes, refresh tokens): all of them go.
      await orm.em.fork().nativeDelete(ProviderRecord, { grantId });
    }
  };
}
