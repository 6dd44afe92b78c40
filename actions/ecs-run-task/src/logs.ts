import { AwsError, type LogsApi } from '@ecs-deploy/aws';

/** Reads one log stream forward, page by page, remembering where it stopped. */
export class StreamReader {
  private token: string | undefined;
  private failed = false;

  constructor(
    private readonly logs: LogsApi,
    readonly group: string,
    readonly stream: string,
    /** Told once when the stream cannot be read (e.g. AccessDenied); reading then stops. */
    private readonly onUnreadable: (error: AwsError) => void,
  ) {}

  /**
   * The lines written since the last read. A stream not created yet gives none. CloudWatch
   * answers the token it was given when nothing is new (docs/aws-behaviour.md#cloudwatch-logs).
   */
  async read(): Promise<string[]> {
    if (this.failed) return [];
    const lines: string[] = [];
    // A page holds at most 1 MB or 10,000 events; a few pages a poll keeps up with any command.
    for (let page = 0; page < 5; page++) {
      let answer;
      try {
        answer = await this.logs.getLogEvents({
          logGroupName: this.group,
          logStreamName: this.stream,
          startFromHead: true,
          ...(this.token === undefined ? {} : { nextToken: this.token }),
        });
      } catch (error) {
        if (error instanceof AwsError && error.code === 'ResourceNotFoundException') return lines;
        if (error instanceof AwsError && error.kind !== 'throttling' && error.kind !== 'network') {
          this.failed = true;
          this.onUnreadable(error);
          return lines;
        }
        throw error;
      }
      for (const event of answer.events ?? []) lines.push(event.message ?? '');
      const next = answer.nextForwardToken;
      const done = next === undefined || next === this.token;
      if (next !== undefined) this.token = next;
      if (done || (answer.events ?? []).length === 0) return lines;
    }
    return lines;
  }
}

/** The last `n` lines kept for the summary and the failure message. */
export class Tail {
  private readonly lines: string[] = [];

  constructor(private readonly size: number) {}

  push(line: string): void {
    if (this.size === 0) return;
    this.lines.push(line);
    if (this.lines.length > this.size) this.lines.shift();
  }

  get all(): readonly string[] {
    return this.lines;
  }
}
