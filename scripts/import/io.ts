/**
 * Where the import command writes. Tests pass their own streams, so they can read
 * what a clerk would see and check that progress shows on long imports.
 */
export interface OutputStream {
  write(chunk: string | Uint8Array): unknown;
  /** A terminal gets a redrawn progress bar; a pipe or log file gets plain lines. */
  isTTY?: boolean;
  columns?: number;
}

export interface ImportIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
  /** Milliseconds, for rows per second and the time left. */
  now(): number;
}

export function processIo(): ImportIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, now: () => Date.now() };
}

/** Writes one line to a stream. */
export function line(stream: OutputStream, text = ''): void {
  stream.write(`${text}\n`);
}

/** Exit statuses: a script can tell "fix the file" from "fix the command or the network". */
export const EXIT = {
  OK: 0,
  BAD_ROWS: 1,
  USAGE: 2,
} as const;
