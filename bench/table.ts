// Plain-text tables in Markdown pipe syntax: readable on a terminal and pasteable into README.md.

/** Column alignment: text left, figures right. */
export type Align = 'left' | 'right';

/** Renders rows under headers, padding every column to its widest cell. */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[] = [],
): string {
  const widths = headers.map((h, i) =>
    Math.max(3, h.length, ...rows.map((r) => (r[i] ?? '').length)),
  );
  const pad = (cell: string, i: number): string =>
    align[i] === 'right' ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0);
  const line = (cells: readonly string[]): string =>
    `| ${headers.map((_, i) => pad(cells[i] ?? '', i)).join(' | ')} |`;
  const rule = `| ${widths
    .map((w, i) => (align[i] === 'right' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w)))
    .join(' | ')} |`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** Milliseconds, to whole ms from 10 ms up, one decimal below. */
export function ms(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  return Math.abs(value) >= 10 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

/** Seconds with one decimal (two below 1 s). */
export function seconds(valueMs: number | undefined): string {
  if (valueMs === undefined || Number.isNaN(valueMs)) return '–';
  const s = valueMs / 1000;
  return Math.abs(s) >= 1 ? `${s.toFixed(1)} s` : `${s.toFixed(2)} s`;
}

/** Mebibytes with one decimal. */
export function mib(bytes: number | undefined): string {
  if (bytes === undefined || Number.isNaN(bytes)) return '–';
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Megabytes (10^6, as bundle sizes are usually quoted) with two decimals. */
export function mb(bytes: number | undefined): string {
  if (bytes === undefined || Number.isNaN(bytes)) return '–';
  return `${(bytes / 1e6).toFixed(2)} MB`;
}

/** A signed figure, e.g. "+12 ms". */
export function signed(text: string, value: number): string {
  return value >= 0 ? `+${text}` : text;
}
