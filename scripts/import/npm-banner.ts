import { fstatSync, ftruncateSync, readFileSync, writeSync } from 'node:fs';

/** What `npm run` prints before a script unless run with -s: a blank line, "> pkg@version name", "> command", a blank line. */
const NPM_BANNER = /^\n> [^\n]+\n> [^\n]+\n\n$/;

/**
 * `npm run import -- --template targets > 模板.xlsx`: npm writes its banner to
 * stdout — into the same file — before the command starts, and a spreadsheet
 * behind that text would not open. When stdout is a regular file holding nothing
 * but that banner, the template is written over it from the first byte. Returns
 * false (and touches nothing) in every other case: a terminal, a pipe, any other
 * content, or a system without /proc.
 */
export function writeOverNpmBanner(bytes: Uint8Array): boolean {
  try {
    const stat = fstatSync(1);
    if (!stat.isFile() || stat.size === 0 || stat.size > 4096) return false;
    if (!NPM_BANNER.test(readFileSync('/proc/self/fd/1', 'utf8'))) return false;
    ftruncateSync(1, 0);
    let written = 0;
    while (written < bytes.length) written += writeSync(1, bytes, written, bytes.length - written, written);
    return true;
  } catch {
    return false;
  }
}
