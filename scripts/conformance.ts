/**
 * npm run conformance -- --url <url> --division <code> [--write] [--schema <file>]
 *
 * Checks a running division system against docs/division-contract.md, one line
 * per rule, signing its requests with CONTEXT_SECRET as the gateway does (or
 * with the secret `npm start` keeps in DATA_DIR). Exit status 0 when no rule
 * fails, 1 when one does, 2 for a usage error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDataDir } from '../common/config';
import { DIVISION_CODE } from '../common/divisions';
import { repoRoot } from '../common/repo-root';
import { formatResult, runContract, type RulePhase } from '../gateway/src/division-contract/rules';
import { readDevSecrets } from './dev-secrets';

const USAGE = `usage: npm run conformance -- --url <GraphQL URL> --division <code> [--write] [--schema <file>] [--timeout <ms>]

  --url       the division system's GraphQL endpoint, e.g. http://127.0.0.1:4101/graphql
  --division  the division code it serves, e.g. ZA
  --write     also run the rules that change data (an inactive item is saved): only against a test instance
  --schema    the division schema to compare with (default schema/division.graphql)
  --timeout   milliseconds per request (default 3000, the gateway's own limit)

Signs with CONTEXT_SECRET, or with the secret \`npm start\` keeps in DATA_DIR/dev-secrets.json.`;

class UsageError extends Error {}

interface Arguments {
  url: string;
  division: string;
  write: boolean;
  schema: string;
  timeoutMs: number;
}

export function parseArguments(argv: readonly string[]): Arguments {
  const values: Record<string, string> = {};
  let write = false;
  for (let index = 0; index < argv.length; index += 1) {
    const name = argv[index]!;
    if (name === '--write') {
      write = true;
      continue;
    }
    if (!['--url', '--division', '--schema', '--timeout'].includes(name)) throw new UsageError(`unknown argument ${name}`);
    const value = argv[index + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
    values[name.slice(2)] = value;
    index += 1;
  }
  if (!values.url) throw new UsageError('--url is required');
  try {
    const parsed = new URL(values.url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new UsageError(`--url "${values.url}" is not an http(s) URL`);
  }
  if (!values.division) throw new UsageError('--division is required');
  if (!DIVISION_CODE.test(values.division)) throw new UsageError(`--division "${values.division}" is not a division code (2–8 capital letters or digits)`);
  const timeoutMs = values.timeout === undefined ? 3000 : Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--timeout "${values.timeout}" is not a number of milliseconds`);
  return { url: values.url, division: values.division, write, schema: values.schema ?? join(repoRoot(), 'schema', 'division.graphql'), timeoutMs };
}

function contextSecret(): string {
  if (process.env.CONTEXT_SECRET) return process.env.CONTEXT_SECRET;
  const secrets = readDevSecrets(readDataDir(process.env));
  if (secrets) return secrets.contextSecret;
  throw new UsageError('no signing key: set CONTEXT_SECRET to the key the gateway shares with the division systems');
}

async function main(): Promise<number> {
  let args: Arguments;
  let secret: string;
  let expectedSdl: string;
  try {
    args = parseArguments(process.argv.slice(2));
    secret = contextSecret();
    try {
      expectedSdl = readFileSync(args.schema, 'utf8');
    } catch {
      throw new UsageError(`cannot read the division schema ${args.schema}`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  console.log(`部门系统接入检查 (division contract conformance): ${args.url} as ${args.division}${args.write ? ', with writes' : ''}`);
  const phases: RulePhase[] = args.write ? ['admission', 'read', 'write'] : ['admission', 'read'];
  const results = await runContract({ url: args.url, division: args.division, contextSecret: secret, expectedSdl, timeoutMs: args.timeoutMs }, { phases });
  for (const result of results) console.log(formatResult(result));
  const count = (outcome: string) => results.filter((result) => result.outcome === outcome).length;
  console.log(`${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped — rules in docs/division-contract.md`);
  return count('fail') === 0 ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error('接入检查失败 (conformance run failed):', error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
