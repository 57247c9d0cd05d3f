import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../../common/repo-root';

/** Who an example is for; `public` needs no token. */
export const OPERATION_ROLES = ['public', 'division_admin', 'coordinator', 'inspector', 'reviewer', 'supervisor', 'analyst'] as const;
export type OperationRole = (typeof OPERATION_ROLES)[number];

/** One ready example operation, as the explorer shows it. */
export interface ExampleOperation {
  /** The file name without .graphql, e.g. coordinator-create-task. */
  name: string;
  /** The first line of the header comment. */
  title: string;
  role: OperationRole;
  /** The rest of the header comment: who runs it, what the variables mean, what comes next. */
  description: string;
  /** The file as the editor shows it, without the example-variables block (that goes to the variables pane). */
  query: string;
  /** The example variables, pretty-printed JSON. */
  variables: string;
}

/**
 * The order of the everyday flow — list, directories, plan, commit, draw, record,
 * review, publish, look up, supervise — so the explorer's tabs read like the procedure.
 * Files not named here follow, alphabetically.
 */
const FLOW = [
  'public-checklist',
  'division-admin-checklist',
  'division-admin-directory',
  'division-admin-import-targets',
  'division-admin-declare-conflict',
  'division-admin-withdraw-conflict',
  'division-admin-expiring-certificates',
  'coordinator-create-task',
  'coordinator-commit-task',
  'coordinator-draw-task',
  'coordinator-hotel-registrations',
  'inspector-my-assignments',
  'inspector-record-result',
  'reviewer-task-results',
  'reviewer-review-result',
  'coordinator-task-status',
  'coordinator-publish-task',
  'public-results',
  'public-task-draw',
  'analyst-statistics',
  'supervisor-audit',
];

/**
 * The folder of the example files. tsc does not copy .graphql files into dist/,
 * so the compiled gateway reads them from the source tree.
 */
export function operationsDir(): string {
  return join(repoRoot(__dirname), 'gateway', 'src', 'explorer', 'operations');
}

const ROLE_LINE = /^谁运行[^:：]*[:：]\s*([a-z_]+)/;
const VARIABLES_LINE = /^示例变量/;

/**
 * Reads one example file. Its leading `#` comment is the documentation: the
 * first line the title, a `谁运行 (who runs it): <role>` line, and last a
 * `示例变量 (example variables):` line followed by the variables as JSON.
 */
export function parseOperation(name: string, text: string): ExampleOperation {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const headerEnd = lines.findIndex((entry) => !entry.startsWith('#'));
  const header = lines.slice(0, headerEnd < 0 ? lines.length : headerEnd).map((entry) => entry.replace(/^# ?/, ''));
  const title = header[0]?.trim();
  if (!title) throw new Error(`${name}.graphql: the header comment must start with a title line`);
  const role = header.map((entry) => ROLE_LINE.exec(entry.trim())?.[1]).find((found) => found !== undefined);
  if (!role || !(OPERATION_ROLES as readonly string[]).includes(role)) {
    throw new Error(`${name}.graphql: needs a "# 谁运行 (who runs it): <role>" line with one of ${OPERATION_ROLES.join(', ')}`);
  }
  const variablesAt = header.findIndex((entry) => VARIABLES_LINE.test(entry.trim()));
  if (variablesAt < 0) throw new Error(`${name}.graphql: needs a "# 示例变量 (example variables):" block`);
  let variables: unknown;
  try {
    variables = JSON.parse(header.slice(variablesAt + 1).join('\n'));
  } catch (error) {
    throw new Error(`${name}.graphql: the example variables are not JSON: ${(error as Error).message}`, { cause: error });
  }
  const shown = [...lines.slice(0, variablesAt), ...lines.slice(headerEnd < 0 ? lines.length : headerEnd)];
  // Drop the comment's trailing blank `#` line that separated it from the variables.
  while (shown.length > 0 && variablesAt > 0 && shown[variablesAt - 1]?.trim() === '#') shown.splice(variablesAt - 1, 1);
  return {
    name,
    title,
    role: role as OperationRole,
    description: header.slice(1, variablesAt).join('\n').trim(),
    query: shown.join('\n').trimEnd() + '\n',
    variables: JSON.stringify(variables, null, 2),
  };
}

/** Every example operation, in the order of the flow. Read on each call: editing a file needs no restart. */
export function loadOperations(dir: string = operationsDir()): ExampleOperation[] {
  const names = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => file.slice(0, -'.graphql'.length));
  const rank = (name: string) => (FLOW.includes(name) ? FLOW.indexOf(name) : FLOW.length);
  names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return names.map((name) => parseOperation(name, readFileSync(join(dir, `${name}.graphql`), 'utf8')));
}
