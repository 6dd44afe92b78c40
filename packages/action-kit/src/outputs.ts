import { formatFileCommand } from './commands.js';
import { ActionError } from './errors.js';
import type { Logger } from './log.js';
import type { Runtime } from './runtime.js';

/** A value an output can take; objects and arrays are written as JSON. */
export type OutputValue = string | number | boolean | readonly unknown[] | Readonly<object>;

const OUTPUT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Writes step outputs to GITHUB_OUTPUT in the runner's heredoc form. */
export class OutputWriter {
  private readonly written = new Map<string, string>();

  constructor(
    private readonly runtime: Runtime,
    private readonly log: Logger,
  ) {}

  /**
   * Sets one output. A value containing a registered secret is refused: the runner would drop it
   * at the job boundary ("Skip output … since it may contain secret") and the next job would get ''.
   */
  set(name: string, value: OutputValue): void {
    if (!OUTPUT_NAME.test(name)) throw new Error(`"${name}" is not a valid output name`);
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (this.log.containsSecret(text)) {
      throw new ActionError(
        `Output '${name}' would contain a masked value, and the runner drops such outputs between jobs.`,
        'Pass only tags and digests between jobs; derive registry hosts and account ids in the job that needs them.',
      );
    }
    this.written.set(name, text);
    const file = this.runtime.env.GITHUB_OUTPUT;
    if (file === undefined || file === '') {
      this.log.info(`output ${name}=${text}`);
      return;
    }
    this.runtime.appendFile(
      file,
      formatFileCommand(name, text, `ghadelimiter_${this.runtime.randomId()}`),
    );
  }

  /** Sets several outputs in the order given. */
  setAll(values: Readonly<Record<string, OutputValue>>): void {
    for (const [name, value] of Object.entries(values)) this.set(name, value);
  }

  /** What has been written so far (for summaries and tests). */
  get values(): ReadonlyMap<string, string> {
    return this.written;
  }
}
