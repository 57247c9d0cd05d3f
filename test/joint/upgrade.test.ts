import { jointMigrations } from '../../subgraphs/joint/migrations';
import { createJointService } from '../../subgraphs/joint/src/app';
import { jointEntities } from '../../subgraphs/joint/src/entities';
import { createLogger } from '../../common/logger';
import { openDatabase } from '../../common/orm';
import { withUsccCheckCharacter } from '../../common/uscc';
import { freshDatabase } from '../support/database';
import { asViewer, postGraphQL, TEST_CONTEXT_SECRET, viewers } from '../support/graphql';
import { InspectionResultRow } from '../../subgraphs/joint/src/results/inspection-result.entity';
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

  it('from before reviews were recorded: results of published tasks count as approved, those of drawn tasks wait for a reviewer', async () => {
    const location = await freshDatabase(undefined, 'old_joint_reviews');
    const old = await openDatabase({ location, entities: jointEntities, migrations: jointMigrations, migrate: false });
    const series = jointMigrations[location.kind === 'postgresql' ? 'postgresql' : 'sqlite'];
    const before = series[series.findIndex((migration) => migration.name.endsWith('_ReviewBeforePublication')) - 1]!.name;
    const task = (id: string, status: string) => ({
      id,
      name: `旧版任务 ${id}`,
      year: 2026,
      kind: 'RANDOM',
      status,
      lead_division: 'ZA',
      division_codes: '|ZA|',
      item_snapshots: '[]',
      named_targets: '||',
      ratio_bp: 500,
      high_risk_ratio_bp: 1000,
      inspectors_per_division: 1,
      period_start: '2026-01-05',
      period_end: '2026-02-05',
      results_due_by_verified: true,
      created_by: 'coordinator',
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    });
    const result = (taskId: string) => ({
      assignment: `${taskId}-001`,
      task: taskId,
      item_division: 'ZA',
      item_code: 'ZA-001',
      outcome: 'NO_ISSUES_FOUND',
      findings: null,
      method: '实地检查',
      inspected_on: '2026-01-10',
      follow_up: 'NONE',
      referred_to: null,
      disclosure: 'PUBLIC',
      recorded_by_division: 'ZA',
      recorded_by: 'ZA-0001',
      recorded_at: '2026-01-10T02:00:00.000Z',
      updated_at: '2026-01-10T02:00:00.000Z',
    });
    try {
      await old.getMigrator().up({ to: before });
      const knex = old.em.getConnection().getKnex();
      await knex('inspection_task').insert([task('T2026-0901', 'PUBLISHED'), task('T2026-0902', 'DRAWN')]);
      await knex('inspection_result').insert([result('T2026-0901'), result('T2026-0902')]);
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
      const rows = await joint.orm.em.fork().find(InspectionResultRow, {}, { orderBy: { task: 'asc' } });
      expect(rows.map((row) => [row.task, row.reviewStatus, row.reviewedBy])).toEqual([
        ['T2026-0901', 'APPROVED', null],
        ['T2026-0902', 'PENDING', null],
      ]);
      expect(rows[0]!.reviewNote).toContain('published before this system recorded reviews');
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
