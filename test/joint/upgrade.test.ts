import { jointMigrations } from '../../subgraphs/joint/migrations';
import { createJointService } from '../../subgraphs/joint/src/app';
import { jointEntities } from '../../subgraphs/joint/src/entities';
import { createLogger } from '../../common/logger';
import { openDatabase } from '../../common/orm';
import { withUsccCheckCharacter } from '../../common/uscc';
import { freshDatabase } from '../support/database';
import { asViewer, postGraphQL, TEST_CONTEXT_SECRET, viewers } from '../support/graphql';
import { insertOldAuditEntries } from '../support/old-audit';

describe('a database from an older version', () => {
  it('is migrated at start, keeping its data', async () => {
    const location = await freshDatabase(undefined, 'old_joint');
    const old = await openDatabase({ location, entities: jointEntities, migrations: jointMigrations, migrate: false });
    const uscc = withUsccCheckCharacter('91411002LD0000001');
    try {
      const first = jointMigrations[location.kind === 'postgresql' ? 'postgresql' : 'sqlite'][0]!.name;
      await old.getMigrator().up({ to: first });
      const knex = old.em.getConnection().getKnex();
      await knex('market_entity').insert({ uscc, name: '许昌市旧版数据宾馆', updated_at: '2026-01-01T00:00:00.000Z' });
      await knex('risk_flag').insert({
        uscc,
        flag: 'ABNORMAL_OPERATION',
        active: true,
        source: '国家企业信用信息公示系统',
        since: '2026-01-01',
        until: null,
        updated_at: '2026-01-01T00:00:00.000Z',
      });
      expect((await old.getMigrator().getPendingMigrations()).length).toBeGreaterThan(0);
    } finally {
      await old.close();
    }

    const joint = await createJointService({
      port: 0,
      host: '127.0.0.1',
      database: location,
      contextSecret: TEST_CONTEXT_SECRET,
      divisions: [],
      logger: createLogger('joint', 'silent'),
    });
    try {
      expect(await joint.orm.getMigrator().getPendingMigrations()).toEqual([]);
      const result = await postGraphQL(
        joint.url,
        `query($u: String!) { marketEntity(uscc: $u) { name riskFlags { flag active } } }`,
        { u: uscc },
        await asViewer(viewers.coordinator),
      );
      expect(result.data.marketEntity).toEqual({ name: '许昌市旧版数据宾馆', riskFlags: [{ flag: 'ABNORMAL_OPERATION', active: true }] });
    } finally {
      await joint.stop();
    }
  });

  it('keeps an older audit chain verifying, and appends entries that name the person, the changes and refusals', async () => {
    const location = await freshDatabase(undefined, 'old_joint_audit');
    const old = await openDatabase({ location, entities: jointEntities, migrations: jointMigrations, migrate: false });
    const uscc = withUsccCheckCharacter('91411002LD0000003');
    try {
      const series = jointMigrations[location.kind === 'postgresql' ? 'postgresql' : 'sqlite'];
      const added = series.findIndex((migration) => migration.name.endsWith('_AuditNamesChangesRefusals'));
      expect(added).toBeGreaterThan(0);
      await old.getMigrator().up({ to: series[added - 1]!.name });
      const knex = old.em.getConnection().getKnex();
      await knex('market_entity').insert({ uscc, name: '许昌市旧版审计宾馆', updated_at: '2026-01-01T00:00:00.000Z' });
      const older = { role: 'coordinator', division: null, subject: `entity:${uscc}`, inputDigest: 'a'.repeat(64), requestId: 'old-request' };
      await insertOldAuditEntries(knex as never, [
        { ...older, at: '2026-01-01T00:00:00.000Z', actor: 'old-coordinator', action: 'fileComplaint' },
        { ...older, at: '2026-01-02T00:00:00.000Z', actor: 'old-coordinator', action: 'closeComplaint' },
      ]);
    } finally {
      await old.close();
    }

    const joint = await createJointService({
      port: 0,
      host: '127.0.0.1',
      database: location,
      contextSecret: TEST_CONTEXT_SECRET,
      divisions: [],
      logger: createLogger('joint', 'silent'),
    });
    try {
      const supervisor = await asViewer(viewers.supervisor);
      const CHAIN = `{ auditChain { ok length firstBrokenAt } }`;
      expect((await postGraphQL(joint.url, CHAIN, {}, supervisor)).data.auditChain).toEqual({ ok: true, length: 2, firstBrokenAt: null });
      const SET = `mutation($u: String!, $active: Boolean!) { setRiskFlag(uscc: $u, flag: ABNORMAL_OPERATION, active: $active, source: "国家企业信用信息公示系统") { uscc } }`;
      const coordinator = await asViewer(viewers.coordinator);
      expect((await postGraphQL(joint.url, SET, { u: uscc, active: true }, coordinator)).errors).toBeUndefined();
      expect((await postGraphQL(joint.url, SET, { u: uscc, active: false }, coordinator)).errors).toBeUndefined();
      const refused = await postGraphQL(joint.url, SET, { u: uscc, active: true }, await asViewer(viewers.analyst));
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await postGraphQL(joint.url, CHAIN, {}, supervisor)).data.auditChain).toEqual({ ok: true, length: 5, firstBrokenAt: null });
      const trail = await postGraphQL(
        joint.url,
        `{ auditTrail(first: 10) { edges { node { seq actor actorName action changes { field before after } refusal } } } }`,
        {},
        supervisor,
      );
      const entries = trail.data.auditTrail.edges.map((edge: { node: unknown }) => edge.node);
      expect(entries.map((entry: { seq: number; actorName: string | null; refusal: string | null }) => [entry.seq, entry.actorName, entry.refusal])).toEqual([
        [5, viewers.analyst.name, 'FORBIDDEN'],
        [4, viewers.coordinator.name, null],
        [3, viewers.coordinator.name, null],
        [2, null, null],
        [1, null, null],
      ]);
      expect(entries[1].changes).toEqual(expect.arrayContaining([{ field: 'active', before: 'true', after: 'false' }]));
      expect(entries[3].changes).toBeNull();
    } finally {
      await joint.stop();
    }
  });
});
