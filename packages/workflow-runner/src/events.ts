import type { JobResult } from './graph.js';

/** Something that happened during a run, in order; the transcript and live output use these. */
export type RunEvent =
  | { readonly type: 'workflow-started'; readonly name: string; readonly file: string }
  | {
      readonly type: 'job-started';
      readonly job: string;
      readonly name: string;
      readonly environment?: string;
    }
  | { readonly type: 'job-skipped'; readonly job: string; readonly reason: string }
  | {
      readonly type: 'approval';
      readonly job: string;
      readonly environment: string;
      readonly reviewers: readonly string[];
      readonly approved: boolean;
    }
  | {
      readonly type: 'step-started';
      readonly job: string;
      readonly step: string;
      readonly name: string;
    }
  | {
      readonly type: 'step-finished';
      readonly job: string;
      readonly step: string;
      readonly name: string;
      readonly outcome: string;
      readonly conclusion: string;
      readonly durationMs: number;
    }
  | {
      readonly type: 'annotation';
      readonly job: string;
      readonly step?: string;
      readonly level: string;
      readonly message: string;
    }
  | { readonly type: 'log'; readonly job: string; readonly step: string; readonly line: string }
  | {
      readonly type: 'output-set';
      readonly job: string;
      readonly name: string;
      readonly value: string;
    }
  | {
      readonly type: 'output-dropped';
      readonly job: string;
      readonly name: string;
      readonly reason: 'secret' | 'empty';
      readonly warning?: string;
    }
  | {
      readonly type: 'job-finished';
      readonly job: string;
      readonly result: JobResult;
      readonly durationMs: number;
    }
  | { readonly type: 'workflow-finished'; readonly result: 'success' | 'failure' };

function line(event: RunEvent): string | undefined {
  switch (event.type) {
    case 'workflow-started':
      return `workflow ${event.name} (${event.file})`;
    case 'job-started':
      return `job ${event.job} started${event.environment === undefined ? '' : ` in environment ${event.environment}`}`;
    case 'job-skipped':
      return `job ${event.job} skipped: ${event.reason}`;
    case 'approval':
      return `job ${event.job}: environment ${event.environment} ${event.approved ? 'approved' : 'rejected'} (reviewers: ${event.reviewers.join(', ')})`;
    case 'step-started':
      return `  step ${event.name}`;
    case 'step-finished':
      return `  step ${event.name}: ${event.outcome}${event.conclusion === event.outcome ? '' : ` (continue-on-error: ${event.conclusion})`}`;
    case 'annotation':
      return `  ${event.level}: ${event.message}`;
    case 'log':
      return undefined;
    case 'output-set':
      return `  output ${event.name} = ${event.value.includes('\n') ? JSON.stringify(event.value) : event.value}`;
    case 'output-dropped':
      return event.reason === 'secret'
        ? `  output ${event.name} dropped: ${event.warning ?? ''}`
        : `  output ${event.name} skipped: empty`;
    case 'job-finished':
      return `job ${event.job}: ${event.result}`;
    case 'workflow-finished':
      return `workflow: ${event.result}`;
  }
}

/** One readable line per event (log lines left out). */
export function formatTranscript(events: readonly RunEvent[]): string {
  return events.flatMap((event) => line(event) ?? []).join('\n');
}
