import type { Logger } from './log.js';
import type { Runtime } from './runtime.js';

/** The runner refuses a step summary over 1 MiB. */
const SUMMARY_LIMIT = 1024 * 1024;

/** Escapes text for a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** A Markdown table. */
export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), `|${headers.map(() => ' --- |').join('')}`, ...rows.map(line), ''].join(
    '\n',
  );
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function codeBlock(text: string, language = ''): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}\n`;
}

/** A collapsed section. */
export function details(title: string, body: string): string {
  return `<details><summary>${cell(title)}</summary>\n\n${body}\n</details>\n`;
}

/** Collects Markdown for the job summary and appends it to GITHUB_STEP_SUMMARY once. */
export class SummaryWriter {
  private readonly parts: string[] = [];

  constructor(
    private readonly runtime: Runtime,
    private readonly log: Logger,
  ) {}

  /** Adds a block of Markdown (a blank line is put between blocks). */
  add(markdown: string): this {
    this.parts.push(markdown.endsWith('\n') ? markdown : `${markdown}\n`);
    return this;
  }

  /** Adds a heading. */
  heading(text: string, level = 3): this {
    return this.add(`${'#'.repeat(level)} ${text}`);
  }

  /** Appends what was added, secrets redacted, cut to the runner's size limit. */
  flush(): void {
    const file = this.runtime.env.GITHUB_STEP_SUMMARY;
    if (file === undefined || file === '' || this.parts.length === 0) return;
    let text = this.log.redact(this.parts.join('\n'));
    if (Buffer.byteLength(text) > SUMMARY_LIMIT) {
      const note = '\n\n_(summary cut at the runner’s 1 MiB limit)_\n';
      text =
        Buffer.from(text)
          .subarray(0, SUMMARY_LIMIT - Buffer.byteLength(note) - 4)
          .toString() + note;
    }
    this.runtime.appendFile(file, text);
    this.parts.length = 0;
  }
}
