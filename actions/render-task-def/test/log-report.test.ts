import { describe, expect, it } from '@jest/globals';
import { Logger } from '@ecs-deploy/action-kit';
import { logRendered } from '../src/log-report.js';

/** A logger whose lines are kept. */
function recording(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const log = new Logger({
    env: {},
    writeLine: (line) => lines.push(line),
    appendFile: () => undefined,
    randomId: () => 'id',
    setExitCode: () => undefined,
  });
  return { log, lines };
}

const ARN = 'arn:aws:ecs:eu-west-1:123456789012:task-definition/api:7';
const base = {
  warnings: [],
  family: 'api',
  images: { web: 'registry/web@sha256:abc', sidecar: 'registry/proxy:1' },
  changed: true,
  patch: '',
};

describe('logRendered', () => {
  it.each([
    ['nothing compared', {}, []],
    ['no changes', { comparedWith: ARN, changed: false }, [`no changes against ${ARN}`]],
    [
      'a diff, folded',
      { comparedWith: ARN, patch: '--- live\n+++ rendered\n-  "cpu": "256"\n+  "cpu": "512"' },
      [
        `::group::changes against ${ARN}`,
        '--- live',
        '+++ rendered',
        '-  "cpu": "256"',
        '+  "cpu": "512"',
        '::endgroup::',
      ],
    ],
  ])('%s', async (_case, result, after) => {
    const { log, lines } = recording();
    await logRendered({ ...base, ...result }, log);
    expect(lines).toEqual([
      'rendered api: web=registry/web@sha256:abc, sidecar=registry/proxy:1',
      ...after,
    ]);
  });

  it('annotates each warning before the rendered line', async () => {
    const { log, lines } = recording();
    await logRendered(
      {
        ...base,
        warnings: [
          {
            path: 'containerDefinitions[0].memory',
            code: 'x',
            message: 'is low',
            severity: 'warning',
          },
        ],
      },
      log,
    );
    expect(lines[0]).toBe(
      '::warning title=render-task-def::containerDefinitions[0].memory: is low',
    );
    expect(lines).toHaveLength(2);
  });

  it('masks registered secrets in the diff as everywhere else', async () => {
    const { log, lines } = recording();
    log.setSecret('hunter2');
    await logRendered({ ...base, comparedWith: ARN, patch: '+  "value": "hunter2"' }, log);
    expect(lines).toContain('+  "value": "***"');
    expect(lines.slice(1).join('\n')).not.toContain('hunter2');
  });
});
