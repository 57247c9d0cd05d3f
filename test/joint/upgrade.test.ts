import { jointMigrations } from '../../subgraphs/joint/migrations';
import { createJointService } from '../../subgraphs/joint/src/app';
import { jointEntities } from '../../subgraphs/joint/src/entities';
import { createLogger } from '../../common/logger';
import { openDatabase } from '../../common/orm';
import { withUsccCheckCharacter } from '../../common/uscc';
import { freshDatabase } from '../support/database';
import { asViewer, postGraphQL, TEST_CONTEXT_SECRET, viewers } from '../support/graphql';

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
});
