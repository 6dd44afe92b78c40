import { describe, expect, it } from '@jest/globals';
import type { Problem } from '@ecs-deploy/workflow-runner/validate';
import {
  checkWorkflows,
  selectProblems,
  severityCounts,
  summaryMarkdown,
  verdict,
  workflowFiles,
  type CheckReport,
} from '../src/check.js';

const WORKSPACE = '/repo';
const FILES: Readonly<Record<string, readonly string[]>> = {
  '.github/workflows/*.yml': ['.github/workflows/deploy.yml', '.github/workflows/ci.yml'],
  '.github/workflows/*.yaml': [],
  'ci/*.yml': ['ci/deploy.yml', '.github/workflows/ci.yml'],
};
const deps = {
  glob: (pattern: string) => FILES[pattern] ?? [],
  exists: (path: string) => path === '/repo/other/flow.yml',
};

function problem(overrides: Partial<Problem>): Problem {
  return { file: 'x', kind: 'policy', message: 'm', ...overrides };
}

describe('workflowFiles', () => {
  it('expands globs and plain paths, sorted, each file once', () => {
    expect(
      workflowFiles(
        ['.github/workflows/*.yml', '.github/workflows/*.yaml', 'ci/*.yml', 'other/flow.yml'],
        WORKSPACE,
        deps,
      ),
    ).toEqual([
      '.github/workflows/ci.yml',
      '.github/workflows/deploy.yml',
      'ci/deploy.yml',
      'other/flow.yml',
    ]);
  });

  it('refuses a path that does not exist, and patterns that match nothing', () => {
    expect(() => workflowFiles(['missing.yml'], WORKSPACE, deps)).toThrow(
      "Input 'files' names 'missing.yml', which does not exist in /repo.",
    );
    expect(() => workflowFiles(['.github/workflows/*.yaml'], WORKSPACE, deps)).toThrow(
      "No workflow file matches '.github/workflows/*.yaml' in /repo.",
    );
  });
});

describe('selectProblems', () => {
  const all = [
    problem({ kind: 'parser', message: 'schema' }),
    problem({ rule: 'unpinned-action' }),
    problem({ rule: 'masked-job-output' }),
  ];
  it('keeps parser problems and masked outputs; policy rules only when asked', () => {
    expect(selectProblems(all, false).map((p) => p.rule ?? p.kind)).toEqual([
      'parser',
      'masked-job-output',
    ]);
    expect(selectProblems(all, true)).toHaveLength(3);
  });
});

describe('checkWorkflows and its verdict', () => {
  it('places each problem on its file and line, with the rule as title', async () => {
    const seen: string[] = [];
    const report = await checkWorkflows(['a.yml', 'b.yml'], WORKSPACE, false, {
      validate: (file) => {
        seen.push(file);
        return Promise.resolve(
          file.endsWith('a.yml')
            ? [problem({ rule: 'masked-job-output', line: 9, column: 14, message: 'carries' })]
            : [problem({ rule: 'masked-job-output', severity: 'warning', message: 'may' })],
        );
      },
    });
    expect(seen).toEqual(['/repo/a.yml', '/repo/b.yml']);
    expect(report.findings).toEqual([
      {
        severity: 'error',
        file: 'a.yml',
        line: 9,
        column: 14,
        title: 'masked-job-output',
        message: 'carries',
      },
      { severity: 'warning', file: 'b.yml', title: 'masked-job-output', message: 'may' },
    ]);
    expect(severityCounts(report)).toEqual({ error: 1, warning: 1 });
    expect(summaryMarkdown(report)).toContain('| error | a.yml:9 | carries |');
  });

  const warningOnly: CheckReport = {
    files: ['b.yml'],
    findings: [{ severity: 'warning', file: 'b.yml', title: 't', message: 'may' }],
  };
  it.each([
    ['error', undefined],
    ['warning', '1 problem(s) in 1 workflow file(s); each is annotated on its line.'],
  ] as const)('fail-on %s with only a warning', (failOn, message) => {
    expect(verdict(warningOnly, failOn)?.message).toBe(message);
  });

  it('says so when there is nothing to report', () => {
    expect(summaryMarkdown({ files: ['a.yml'], findings: [] })).toBe(
      'No problems in 1 workflow file(s).',
    );
    expect(verdict({ files: ['a.yml'], findings: [] }, 'warning')).toBeUndefined();
  });
});
