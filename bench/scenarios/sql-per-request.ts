/**
 * Scenario 3 — SQL statements per request, counted on every service's
 * database (knex `query` events of the joint subgraph and each division
 * instance) while one operation goes through the gateway. A list of 200
 * assignments must cost exactly as many statements as a list of 50: the
 * loaders batch, so the count does not grow with the page (no N+1).
 */
import { bearer, dataOf, post, userToken } from '../lib/client';
import type { Federation, StatementCount } from '../lib/federation';
import { coordinatorList, type Operation } from '../lib/operations';

export interface SqlCount {
  operation: string;
  total: number;
  byService: Record<string, number>;
}

export interface SqlPerRequestResult {
  list50: SqlCount;
  list200: SqlCount;
  /** Equal counts for 50 and 200 assignments. */
  batched: boolean;
  others: SqlCount[];
  /** The statements of the 200-assignment list, for the report. */
  statements200: string[];
}

async function countFor(federation: Federation, operation: Operation): Promise<StatementCount> {
  if (!federation.countStatements) throw new Error('statements can only be counted with the services in this process');
  const headers = operation.user ? bearer(await userToken(operation.user, federation.authSecret)) : {};
  // Once to warm caches (query plans, prepared statements), then counted.
  operation.check(dataOf(await post(federation.gatewayUrl, operation.query, operation.variables, headers), operation.key));
  return federation.countStatements(async () => {
    operation.check(dataOf(await post(federation.gatewayUrl, operation.query, operation.variables, headers), operation.key));
  });
}

export async function sqlPerRequest(federation: Federation, taskId: string, others: Operation[], log: (line: string) => void): Promise<SqlPerRequestResult> {
  const fifty = await countFor(federation, coordinatorList(taskId, 50));
  const twoHundred = await countFor(federation, coordinatorList(taskId, 200));
  const counted = (operation: string, count: StatementCount): SqlCount => ({ operation, total: count.total, byService: count.byService });
  const result: SqlPerRequestResult = {
    list50: counted('coordinator list, 50 assignments', fifty),
    list200: counted('coordinator list, 200 assignments', twoHundred),
    batched: fifty.total === twoHundred.total && JSON.stringify(fifty.byService) === JSON.stringify(twoHundred.byService),
    others: [],
    statements200: twoHundred.statements,
  };
  log(`SQL per request: 50 assignments → ${fifty.total} statements, 200 → ${twoHundred.total} ${JSON.stringify(twoHundred.byService)}`);
  for (const operation of others) {
    const count = await countFor(federation, operation);
    result.others.push(counted(operation.title, count));
    log(`  ${operation.title}: ${count.total} statements`);
  }
  return result;
}
