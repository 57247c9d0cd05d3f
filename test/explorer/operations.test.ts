import { addDays, shanghaiDate } from '../../common/dates';
import { loadOperations, type ExampleOperation } from '../../gateway/src/explorer/operations';
import { startTestSystem, type TestSystem } from '../support/system';
import { tokens } from '../support/tokens';

/**
 * Every example operation of the explorer, run against the demo directories of all
 * five divisions in the order a real task goes — each feeding the ids it returns
 * to the next — so an example that no longer matches the API fails here.
 */
const TODAY = shanghaiDate();
const YEAR = Number(TODAY.slice(0, 4));

const operations = new Map(loadOperations().map((operation) => [operation.name, operation]));
const executed = new Set<string>();

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({ divisions: ['ZA', 'WA', 'JD', 'JJ', 'CRJ'], seed: 'demo' });
}, 180_000);

afterAll(() => system?.stop());

function operation(name: string): ExampleOperation {
  const found = operations.get(name);
  if (!found) throw new Error(`no example operation ${name}.graphql`);
  return found;
}

/** The example's own variables, so the test sends what the explorer shows. */
function example(name: string): Record<string, any> {
  return JSON.parse(operation(name).variables);
}

/** Runs an example exactly as its file reads, and expects no error at all. */
async function run(name: string, variables: Record<string, unknown>, token?: string): Promise<any> {
  const result = await system.query(operation(name).query, variables, token);
  expect({ name, errors: result.errors }).toEqual({ name, errors: undefined });
  expect(result.status).toBe(200);
  executed.add(name);
  return result.data;
}

describe("the explorer's example operations, run in order against the demo data", () => {
  let taskId: string;
  let assignments: Array<{ id: string; uscc: string; items: Array<{ division: string; code: string }>; inspectors: Array<{ division: string; id: string }> }>;
  let resultCount = 0;

  it('says who runs each example', () => {
    expect(operations.size).toBeGreaterThanOrEqual(10);
    for (const entry of operations.values()) {
      expect(entry.title.length).toBeGreaterThan(0);
      expect(entry.description).toContain('谁运行 (who runs it)');
      expect(entry.description).toContain('变量 (variables)');
    }
  });

  it("public-checklist: anyone reads a division's item list", async () => {
    const data = await run('public-checklist', example('public-checklist'));
    expect(data.division.checklist.map((item: { code: string }) => item.code)).toContain('ZA-001');
  });

  it('division-admin-directory: the administrator browses both directories', async () => {
    const data = await run('division-admin-directory', example('division-admin-directory'), await tokens.divisionAdmin('ZA'));
    expect(data.division.targets.totalCount).toBeGreaterThan(0);
    expect(data.division.targets.edges.every(({ node }: any) => node.categories.includes('旅馆'))).toBe(true);
    expect(data.division.inspectors.totalCount).toBeGreaterThan(0);
  });

  it('division-admin-import-targets: the example rows are valid and upsert', async () => {
    const admin = await tokens.divisionAdmin('ZA');
    const first = await run('division-admin-import-targets', example('division-admin-import-targets'), admin);
    expect(first.importTargets).toMatchObject({ accepted: 2, rejected: 0, created: 2, errors: [] });
    const again = await run('division-admin-import-targets', example('division-admin-import-targets'), admin);
    expect(again.importTargets).toMatchObject({ accepted: 2, created: 0, unchanged: 2 });
  });

  it('division-admin-declare-conflict: a conflict is recorded on the inspector', async () => {
    const variables = example('division-admin-declare-conflict');
    const data = await run('division-admin-declare-conflict', variables, await tokens.divisionAdmin(variables.division));
    expect(data.declareConflict.conflicts.map((conflict: { uscc: string }) => conflict.uscc)).toContain(variables.uscc);
  });

  it('division-admin-withdraw-conflict: the declaration is withdrawn, with its reason on file', async () => {
    const variables = example('division-admin-withdraw-conflict');
    expect(variables.uscc).toBe(example('division-admin-declare-conflict').uscc);
    const data = await run('division-admin-withdraw-conflict', variables, await tokens.divisionAdmin(variables.division));
    expect(data.withdrawConflict.conflicts.map((conflict: { uscc: string }) => conflict.uscc)).not.toContain(variables.uscc);
    expect(data.withdrawConflict.history).toContainEqual(expect.objectContaining({ uscc: variables.uscc, withdrawalReason: variables.reason }));
  });

  it('division-admin-expiring-certificates: the inspectors whose certificate ends before the date', async () => {
    const variables: Record<string, any> = { ...example('division-admin-expiring-certificates'), before: addDays(TODAY, 365) };
    const data = await run('division-admin-expiring-certificates', variables, await tokens.divisionAdmin(variables.division));
    // The demo spreads certificate dates: some end within a year.
    expect(data.division.inspectors.totalCount).toBeGreaterThan(0);
    for (const { node } of data.division.inspectors.edges) {
      expect(node.certificateValidUntil < variables.before).toBe(true);
      if (node.certificateValidUntil < addDays(TODAY, 90)) expect(node.certificateWarning).toMatch(/^执法证/);
    }
  });

  it('division-admin-checklist: the administrator saves an item', async () => {
    const variables = example('division-admin-checklist');
    const data = await run('division-admin-checklist', variables, await tokens.divisionAdmin(variables.division));
    expect(data.saveCheckItem).toMatchObject({ code: variables.input.code, active: true });
  });

  it('coordinator-create-task: a joint draft task over three divisions', async () => {
    const { input } = example('coordinator-create-task');
    const data = await run(
      'coordinator-create-task',
      {
        input: {
          ...input,
          year: YEAR,
          name: input.name.replace(/^\d{4}/, String(YEAR)),
          periodStart: TODAY,
          periodEnd: addDays(TODAY, 30),
          beacon: { ...input.beacon, date: TODAY },
        },
      },
      await tokens.coordinator(),
    );
    expect(data.createInspectionTask).toMatchObject({ status: 'DRAFT', isJoint: true });
    // The example keeps to the items' published ratios.
    expect(data.createInspectionTask.warnings.filter((warning: { code: string }) => warning.code === 'RATIO_BELOW_ITEM')).toEqual([]);
    taskId = data.createInspectionTask.id;
  });

  it('coordinator-commit-task: the commitment is published', async () => {
    const data = await run('coordinator-commit-task', { ...example('coordinator-commit-task'), id: taskId }, await tokens.coordinator());
    expect(data.commitInspectionTask.status).toBe('COMMITTED');
    expect(data.commitInspectionTask.seedCommitment).toMatch(/^[0-9a-f]{64}$/);
  });

  it('coordinator-draw-task: targets and teams are drawn and verify', async () => {
    const data = await run('coordinator-draw-task', { ...example('coordinator-draw-task'), id: taskId }, await tokens.coordinator());
    const task = data.drawInspectionTask;
    expect(task.status).toBe('DRAWN');
    expect(task.draw.verification).toEqual({ ok: true, problems: [] });
    expect(task.assignments.totalCount).toBeGreaterThan(0);
    expect(task.assignments.edges).toHaveLength(task.assignments.totalCount);
    assignments = task.assignments.edges.map(({ node }: any) => node);
    expect(assignments.every((assignment) => assignment.inspectors.length >= 2)).toBe(true);
  });

  it("coordinator-hotel-registrations: the drawn hotels with 治安's guest registrations beside the directory and the inspections", async () => {
    const data = await run('coordinator-hotel-registrations', { ...example('coordinator-hotel-registrations'), id: taskId }, await tokens.coordinator());
    const targets = data.inspectionTask.assignments.edges.flatMap(({ node }: any) => node.targets);
    const hotels = targets.filter((target: any) => target.division === 'ZA');
    expect(hotels.length).toBeGreaterThan(0);
    expect(hotels.some((target: any) => target.lodging?.months.length === 3 && target.name.length > 0)).toBe(true);
    expect(targets.filter((target: any) => target.division !== 'ZA').every((target: any) => target.lodging === null)).toBe(true);
    for (const finding of data.unregisteredGuestFindings) {
      expect(finding.unregisteredFound).toBeGreaterThan(0);
      expect(finding.target).toMatchObject({ division: 'ZA', name: finding.hotel.name });
    }
  });

  it('inspector-my-assignments: a team member sees the assignment', async () => {
    const member = assignments[0]!.inspectors[0]!;
    const data = await run('inspector-my-assignments', example('inspector-my-assignments'), await tokens.inspector(member.division, member.id));
    expect(data.myAssignments.edges.map(({ node }: any) => node.id)).toContain(assignments[0]!.id);
  });

  it("inspector-record-result: each item's result is recorded by its division's team member", async () => {
    const { input } = example('inspector-record-result');
    for (const assignment of assignments) {
      for (const item of assignment.items) {
        const member = assignment.inspectors.find((inspector) => inspector.division === item.division)!;
        const data = await run(
          'inspector-record-result',
          { assignment: assignment.id, item: { division: item.division, code: item.code }, input: { ...input, inspectedOn: TODAY } },
          await tokens.inspector(member.division, member.id),
        );
        expect(data.recordResult).toMatchObject({ outcome: input.outcome, inspectedOn: TODAY });
        resultCount += 1;
      }
    }
    expect(resultCount).toBeGreaterThan(0);
  });

  it("reviewer-task-results, reviewer-review-result: a reviewer of each item's division approves every result", async () => {
    const divisions = [...new Set(assignments.flatMap((assignment) => assignment.items.map((item) => item.division)))];
    let approved = 0;
    for (const division of divisions) {
      const reviewer = await tokens.reviewer(division);
      const data = await run('reviewer-task-results', { ...example('reviewer-task-results'), id: taskId, division }, reviewer);
      for (const { node } of data.inspectionTask.assignments.edges) {
        for (const result of node.results.filter((entry: any) => entry.item.division === division)) {
          expect(result.review).toMatchObject({ status: 'PENDING', statusLabel: '待审核' });
          const reviewed = await run(
            'reviewer-review-result',
            { ...example('reviewer-review-result'), assignment: node.id, item: { division, code: result.item.code } },
            reviewer,
          );
          expect(reviewed.reviewResult.review).toMatchObject({
            status: 'APPROVED',
            by: { name: expect.any(String) },
            note: example('reviewer-review-result').note,
          });
          approved += 1;
        }
      }
    }
    expect(approved).toBe(resultCount);
  });

  it('coordinator-task-status: every assignment is complete and the due date shows', async () => {
    const data = await run('coordinator-task-status', { ...example('coordinator-task-status'), id: taskId }, await tokens.coordinator());
    expect(data.inspectionTask.resultsDueBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(data.inspectionTask.assignments.edges.every(({ node }: any) => node.complete)).toBe(true);
    expect(data.inspectionTask.progress).toMatchObject({ recorded: resultCount, remaining: 0 });
  });

  it('coordinator-publish-task: all results are published once', async () => {
    const data = await run('coordinator-publish-task', { ...example('coordinator-publish-task'), id: taskId }, await tokens.coordinator());
    expect(data.publishInspectionTask).toMatchObject({ resultCount, withheldCount: 0, onTime: true });
  });

  it('public-results: the public sees the published results', async () => {
    const data = await run('public-results', { ...example('public-results'), year: YEAR, first: 500 });
    expect(data.publicResults.totalCount).toBe(resultCount);
    expect(data.publicResults.edges[0].node.outcomeLabel).toBe('未发现问题');
  });

  it('public-task-draw: the public checks the draw', async () => {
    const data = await run('public-task-draw', { ...example('public-task-draw'), id: taskId });
    expect(data.inspectionTask).toMatchObject({ id: taskId, status: 'PUBLISHED', draw: { verification: { ok: true, problems: [] } } });
  });

  it("analyst-statistics: the year's figures include the task", async () => {
    const data = await run('analyst-statistics', { ...example('analyst-statistics'), year: YEAR }, await tokens.analyst());
    expect(data.inspectionStats).toMatchObject({ year: YEAR, published: 1, overdue: 0 });
    // The example's tasks are all RANDOM: no directed inspections to count.
    expect(data.inspectionStats.directedInspections).toEqual([]);
  });

  it('supervisor-audit: both audit chains are intact', async () => {
    const data = await run('supervisor-audit', example('supervisor-audit'), await tokens.supervisor());
    expect(data.auditChain.ok).toBe(true);
    expect(data.division.auditChain.ok).toBe(true);
    expect(data.division.auditTrail.edges.length).toBeGreaterThan(0);
  });

  it('ran every example file', () => {
    expect([...executed].sort()).toEqual([...operations.keys()].sort());
  });
});
