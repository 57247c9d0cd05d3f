import { openDatabase } from '../../common/orm';
import { withUsccCheckCharacter } from '../../common/uscc';
import { divisionMigrations } from '../../subgraphs/division/migrations';
import { divisionEntities } from '../../subgraphs/division/src/entities';
import { freshDatabase } from '../support/database';
import { errorCodes, viewers } from '../support/graphql';
import { insertOldAuditEntries } from '../support/old-audit';
import { startTestDivision } from '../support/services';
import { as } from './fixtures';

describe('a division database from before conflict declarations could be withdrawn', () => {
  it('is migrated at start, keeping its declarations standing and withdrawable', async () => {
    const location = await freshDatabase(undefined, 'old_division');
    const uscc = withUsccCheckCharacter('91411002LD0000002');
    const old = await openDatabase({ location, entities: divisionEntities, migrations: divisionMigrations, migrate: false });
    try {
      const series = divisionMigrations[location.kind === 'postgresql' ? 'postgresql' : 'sqlite'];
      const before = series.findIndex((migration) => migration.name.endsWith('_ConflictWithdrawal'));
      expect(before).toBeGreaterThan(0);
      await old.getMigrator().up({ to: series[before - 1]!.name });
      const knex = old.em.getConnection().getKnex();
      await knex('inspector').insert({
        division: 'ZA',
        id: 'ZA-0901',
        name: '旧版检查员',
        unit: '治安管理支队',
        position: '民警',
        expertise: '|特种行业管理|',
        certificate_no: '豫公执字4110ZA90901',
        certificate_valid_until: '2030-12-31',
        active: true,
        updated_at: '2026-01-01T00:00:00.000Z',
      });
      await knex('conflict_declaration').insert({ inspector: 'ZA-0901', uscc, reason: '旧版申报的回避', declared_at: '2026-01-02T00:00:00.000Z' });
    } finally {
      await old.close();
    }

    const za = await startTestDivision({ code: 'ZA', location });
    try {
      const read = `{ division(code: "ZA") { inspectors(search: "ZA-0901") { edges { node { conflicts(includeWithdrawn: true) { uscc reason withdrawnAt } } } } } }`;
      const kept = await as(za.url, viewers.divisionAdmin('ZA'), read);
      expect(kept.data.division.inspectors.edges[0].node.conflicts).toEqual([{ uscc, reason: '旧版申报的回避', withdrawnAt: null }]);
      const withdrawn = await as(
        za.url,
        viewers.divisionAdmin('ZA'),
        `mutation { withdrawConflict(division: "ZA", inspector: "ZA-0901", uscc: "${uscc}", reason: "申报有误") { conflicts { uscc } } }`,
      );
      expect(withdrawn.errors).toBeUndefined();
      expect(withdrawn.data.withdrawConflict.conflicts).toEqual([]);
      expect(
        errorCodes(
          await as(
            za.url,
            viewers.divisionAdmin('ZA'),
            `mutation { withdrawConflict(division: "ZA", inspector: "ZA-0901", uscc: "${uscc}", reason: "再次") { id } }`,
          ),
        ),
      ).toEqual(['NOT_FOUND']);
    } finally {
      await za.stop();
    }
  });
});

describe('a division database from before audit entries named people, changes and refusals', () => {
  it('is migrated at start; its old entries still verify, and new ones carry the name, the changed fields and refusals', async () => {
    const location = await freshDatabase(undefined, 'old_division_audit');
    const old = await openDatabase({ location, entities: divisionEntities, migrations: divisionMigrations, migrate: false });
    try {
      const series = divisionMigrations[location.kind === 'postgresql' ? 'postgresql' : 'sqlite'];
      const added = series.findIndex((migration) => migration.name.endsWith('_AuditNamesChangesRefusals'));
      expect(added).toBeGreaterThan(0);
      await old.getMigrator().up({ to: series[added - 1]!.name });
      const knex = old.em.getConnection().getKnex();
      await knex('inspector').insert({
        division: 'ZA',
        id: 'ZA-0902',
        name: '旧版检查员',
        unit: '治安管理支队',
        position: '民警',
        expertise: '|特种行业管理|',
        certificate_no: '豫公执字4110ZA90902',
        certificate_valid_until: '2030-12-31',
        active: true,
        updated_at: '2026-01-01T00:00:00.000Z',
      });
      await insertOldAuditEntries(knex as never, [
        {
          at: '2026-01-01T00:00:00.000Z',
          actor: 'old-admin',
          role: 'division_admin',
          division: 'ZA',
          action: 'createInspector',
          subject: 'inspector:ZA-0902',
          inputDigest: 'b'.repeat(64),
          requestId: null,
        },
      ]);
    } finally {
      await old.close();
    }

    const za = await startTestDivision({ code: 'ZA', location });
    try {
      const admin = viewers.divisionAdmin('ZA');
      const input = {
        id: 'ZA-0902',
        name: '旧版检查员',
        unit: '出入境管理支队',
        position: '民警',
        expertise: ['特种行业管理'],
        certificateNo: '豫公执字4110ZA90902',
        certificateValidUntil: '2030-12-31',
      };
      const SAVE = `mutation($input: InspectorInput!) { saveInspector(division: "ZA", input: $input) { id } }`;
      expect((await as(za.url, admin, SAVE, { input })).errors).toBeUndefined();
      expect(errorCodes(await as(za.url, viewers.divisionAdmin('WA'), SAVE, { input }))).toEqual(['FORBIDDEN']);
      const read = await as(
        za.url,
        viewers.supervisor,
        `{ division(code: "ZA") { auditChain { ok length firstBrokenAt } auditTrail(first: 5) { edges { node { seq actorName changes { field before after } refusal } } } } }`,
      );
      expect(read.data.division.auditChain).toEqual({ ok: true, length: 3, firstBrokenAt: null });
      expect(read.data.division.auditTrail.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
        { seq: 3, actorName: 'WA 管理员', changes: null, refusal: 'FORBIDDEN' },
        { seq: 2, actorName: 'ZA 管理员', changes: [{ field: 'unit', before: '治安管理支队', after: '出入境管理支队' }], refusal: null },
        { seq: 1, actorName: null, changes: null, refusal: null },
      ]);
    } finally {
      await za.stop();
    }
  });
});
