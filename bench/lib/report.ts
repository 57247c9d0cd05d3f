/** The figures as one table (printed) and as JSON (written under bench/results/). */

export interface Figure {
  section: string;
  name: string;
  value: string;
  /** Empty when the figure is informational. */
  target: string;
  met?: boolean;
}

export class Figures {
  readonly rows: Figure[] = [];

  add(section: string, name: string, value: string, target = '', met?: boolean): void {
    this.rows.push({ section, name, value, target, met });
  }

  missed(): Figure[] {
    return this.rows.filter((row) => row.met === false);
  }

  table(): string {
    const header: Figure = { section: 'section', name: 'figure', value: 'value', target: 'target', met: undefined };
    const verdict = (row: Figure) => (row === header ? 'met?' : row.met === undefined ? '' : row.met ? 'yes' : 'NO');
    const all = [header, ...this.rows];
    const width = (pick: (row: Figure) => string) => Math.max(...all.map((row) => displayWidth(pick(row))));
    const columns: Array<(row: Figure) => string> = [(row) => row.section, (row) => row.name, (row) => row.value, (row) => row.target, verdict];
    const widths = columns.map(width);
    const line = (row: Figure) =>
      columns
        .map((pick, i) => pad(pick(row), widths[i]!))
        .join(' │ ')
        .trimEnd();
    const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
    return [line(header), rule, ...this.rows.map(line)].join('\n');
  }
}

/** East Asian characters take two columns in a terminal. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 2 : 1;
  return width;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export const mib = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${Math.round(bytes / 1024 / 1024)} MiB`);
export const fixed = (value: number, digits = 2) => value.toFixed(digits);
