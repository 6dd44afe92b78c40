import { formatCommand } from './commands.js';
import type { Runtime } from './runtime.js';

/** Annotation placement, as the runner understands it. */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
}

/**
 * The step log. Every line it writes has the values registered with `setSecret` replaced by
 * `***` first, so nothing secret leaves through this process even before the runner masks it.
 */
export class Logger {
  private readonly secrets = new Set<string>();

  constructor(private readonly runtime: Runtime) {}

  /** Registers a value as secret: the runner masks it from now on, and so does this logger. */
  setSecret(value: string): void {
    if (value === '' || this.secrets.has(value)) return;
    this.secrets.add(value);
    this.runtime.writeLine(formatCommand('add-mask', {}, value));
  }

  /** True when `text` contains a value registered as secret. */
  containsSecret(text: string): boolean {
    for (const secret of this.secrets) if (text.includes(secret)) return true;
    return false;
  }

  /** `text` with every registered secret replaced by `***`. */
  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) result = result.split(secret).join('***');
    return result;
  }

  /** A plain log line. */
  info(message: string): void {
    for (const line of this.redact(message).split('\n')) this.runtime.writeLine(line);
  }

  /** A debug line, shown when the run has step debug logging on. */
  debug(message: string): void {
    this.runtime.writeLine(formatCommand('debug', {}, this.redact(message)));
  }

  /** A warning annotation. */
  warning(message: string, properties: AnnotationProperties = {}): void {
    this.annotate('warning', message, properties);
  }

  /** A notice annotation. */
  notice(message: string, properties: AnnotationProperties = {}): void {
    this.annotate('notice', message, properties);
  }

  /** An error annotation (it does not fail the step by itself). */
  error(message: string, properties: AnnotationProperties = {}): void {
    this.annotate('error', message, properties);
  }

  /** Runs `body` inside a collapsible log group. */
  async group<T>(title: string, body: () => Promise<T>): Promise<T> {
    this.runtime.writeLine(formatCommand('group', {}, this.redact(title)));
    try {
      return await body();
    } finally {
      this.runtime.writeLine(formatCommand('endgroup', {}, ''));
    }
  }

  /**
   * Writes text that is not ours (a container's output) between `::stop-commands::` and its
   * resume token, so the runner treats none of it as a workflow command: a line `::add-mask::…`
   * or `::set-output …` in a log is printed, never obeyed. Secrets are still redacted.
   */
  async verbatim<T>(body: (write: (line: string) => void) => Promise<T>): Promise<T> {
    const token = this.runtime.randomId();
    this.runtime.writeLine(formatCommand('stop-commands', {}, token));
    try {
      return await body((line) => {
        this.runtime.writeLine(this.redact(line));
      });
    } finally {
      this.runtime.writeLine(`::${token}::`);
    }
  }

  private annotate(kind: string, message: string, properties: AnnotationProperties): void {
    const { title, file, line, endLine, col, endColumn } = properties;
    const props = {
      title: title === undefined ? undefined : this.redact(title),
      file,
      line,
      endLine,
      col,
      endColumn,
    };
    this.runtime.writeLine(formatCommand(kind, props, this.redact(message)));
  }
}
