import { describe, expect, it } from '@jest/globals';
import { loadHistory } from '../src/history.js';
import { chooseExplicit, chooseFromHistory } from '../src/target.js';
import { digestsOf, fromIndex, runningRevision } from '../src/versions.js';
import { D, deploymentArn, recordedEcs, type Recorded } from './fixtures.js';

const history = (records: readonly Recorded[]): ReturnType<typeof loadHistory> =>
  loadHistory(recordedEcs(records), 'c', 'web');

describe('loadHistory', () => {
  it('pages through ListServiceDeployments and describes rollbacks and revisions in batches', async () => {
    const calls: string[] = [];
    const records: Recorded[] = [
      ['5', 'ROLLBACK_SUCCESSFUL', 'v3', 'v2'],
      ['4', 'SUCCESSFUL', 'v2'],
      ['3', 'STOPPED', 'v1'],
      ['2', 'SUCCESSFUL', 'v1'],
      ['1', 'SUCCESSFUL', 'v0'],
    ];
    const loaded = await loadHistory(recordedEcs(records, calls), 'c', 'web');
    expect(calls).toEqual([
      'ListServiceDeployments',
      'ListServiceDeployments',
      'ListServiceDeployments',
      'DescribeServiceDeployments',
      'DescribeServiceRevisions',
    ]);
    expect(loaded.records.map((r) => r.status)).toEqual(records.map(([, s]) => s));
    expect(loaded.records[0]?.rollbackTo?.containers.get('app')?.digest).toBe(D('v2'));
    expect(loaded.truncated).toBe(false);
  });
});

// Newest first, as ListServiceDeployments answers.
const CASES: [string, Recorded[], number, string, string][] = [
  [
    'the last healthy version before the current one',
    [
      ['3', 'SUCCESSFUL', 'v2'],
      ['2', 'SUCCESSFUL', 'v1'],
      ['1', 'SUCCESSFUL', 'v0'],
    ],
    1,
    'v1',
    '2',
  ],
  [
    'two versions back',
    [
      ['3', 'SUCCESSFUL', 'v2'],
      ['2', 'SUCCESSFUL', 'v1'],
      ['1', 'SUCCESSFUL', 'v0'],
    ],
    2,
    'v0',
    '1',
  ],
  [
    'skipping STOPPED, ROLLBACK_* and in-progress deployments',
    [
      ['6', 'IN_PROGRESS', 'v4'],
      ['5', 'ROLLBACK_SUCCESSFUL', 'v3', 'v2'],
      ['4', 'STOPPED', 'v2'],
      ['3', 'ROLLBACK_FAILED', 'v1'],
      ['2', 'SUCCESSFUL', 'v0'],
      ['1', 'SUCCESSFUL', 'vx'],
    ],
    1,
    'v0',
    '2',
  ],
  [
    'counting redeployments of one version once',
    [
      ['5', 'SUCCESSFUL', 'v2'],
      ['4', 'SUCCESSFUL', 'v1'],
      ['3', 'SUCCESSFUL', 'v1'],
      ['2', 'SUCCESSFUL', 'v0'],
      ['1', 'SUCCESSFUL', 'v0'],
    ],
    2,
    'v0',
    '2',
  ],
  [
    'a redeployed earlier version is the current one: v1, v2, v1 goes back to v2',
    [
      ['4', 'SUCCESSFUL', 'v1'],
      ['3', 'SUCCESSFUL', 'v2'],
      ['2', 'SUCCESSFUL', 'v1'],
      ['1', 'SUCCESSFUL', 'v0'],
    ],
    1,
    'v2',
    '3',
  ],
  [
    'a revisited version counts once, at its most recent deployment: v1, v2, v1, v3 → v1, then v2',
    [
      ['4', 'SUCCESSFUL', 'v3'],
      ['3', 'SUCCESSFUL', 'v1'],
      ['2', 'SUCCESSFUL', 'v2'],
      ['1', 'SUCCESSFUL', 'v1'],
    ],
    2,
    'v2',
    '2',
  ],
  [
    'after the circuit breaker rolled the newest back, the version it went back to (a no-op)',
    [
      ['4', 'ROLLBACK_SUCCESSFUL', 'v3', 'v2'],
      ['3', 'SUCCESSFUL', 'v2'],
      ['2', 'SUCCESSFUL', 'v1'],
      ['1', 'SUCCESSFUL', 'v2'],
    ],
    1,
    'v2',
    '3',
  ],
];

describe('chooseFromHistory', () => {
  it.each(CASES)('%s', async (_name, records, stepsBack, version, id) => {
    const target = chooseFromHistory(await history(records), stepsBack);
    expect(target.digests).toEqual({ app: D(version) });
    expect(target.record?.arn).toBe(deploymentArn(id));
  });

  it.each([
    [
      'no earlier deployment',
      [['1', 'SUCCESSFUL', 'v0']],
      1,
      /no SUCCESSFUL deployment ran other digests/,
    ],
    [
      'only failed ones before',
      [
        ['3', 'SUCCESSFUL', 'v2'],
        ['2', 'STOPPED', 'v1'],
        ['1', 'ROLLBACK_FAILED', 'v0'],
      ],
      1,
      /no SUCCESSFUL deployment ran other digests/,
    ],
    [
      'too many steps',
      [
        ['2', 'SUCCESSFUL', 'v1'],
        ['1', 'SUCCESSFUL', 'v0'],
      ],
      2,
      /only 1 earlier healthy version\(s\) exist/,
    ],
    ['an empty history', [], 1, /nothing to roll back from/],
  ] as [string, Recorded[], number, RegExp][])(
    'fails clearly with %s',
    async (_name, records, stepsBack, message) => {
      await expect(history(records).then((h) => chooseFromHistory(h, stepsBack))).rejects.toThrow(
        message,
      );
    },
  );
});

describe('running and from', () => {
  it.each([
    ['a completed deployment runs its own target', [['2', 'SUCCESSFUL', 'v2']], 'v2', 0],
    [
      'ECS rolled back: the rollback target runs',
      [['3', 'ROLLBACK_SUCCESSFUL', 'v3', 'v2']],
      'v2',
      0,
    ],
    ['in progress: heading for its target', [['4', 'IN_PROGRESS', 'v4']], 'v4', 0],
    [
      'a redeployment of an earlier version is the current one',
      [['5', 'SUCCESSFUL', 'v0']],
      'v0',
      0,
    ],
  ] as [string, Recorded[], string, number][])('%s', async (_name, records, version, from) => {
    const loaded = await history([...records, ['1', 'SUCCESSFUL', 'v0']]);
    expect(digestsOf(runningRevision(loaded))).toEqual({ app: D(version) });
    expect(fromIndex(loaded)).toBe(from);
  });
});

describe('chooseExplicit', () => {
  const records: Recorded[] = [
    ['3', 'ROLLBACK_SUCCESSFUL', 'bad', 'v1'],
    ['2', 'SUCCESSFUL', 'v1'],
    ['1', 'SUCCESSFUL', 'v0'],
  ];
  it('accepts a digest that ran healthy and finds the deployment that ran it', async () => {
    const target = chooseExplicit(
      await history(records),
      { kind: 'explicit', digests: [{ digest: D('v0'), source: 'digest' }] },
      ['app'],
      false,
    );
    expect(target.digests).toEqual({ app: D('v0') });
    expect(target.record?.arn).toBe(deploymentArn('1'));
  });

  it.each([
    ['a digest that never ran', D('v9'), false, /Refusing to roll back to app=sha256:/],
    ['a digest whose deployment was rolled back', D('bad'), false, /no SUCCESSFUL deployment/],
  ])('refuses %s without force', async (_name, digest, force, message) => {
    const loaded = await history(records);
    expect(() =>
      chooseExplicit(
        loaded,
        { kind: 'explicit', digests: [{ digest, source: 'digest' }] },
        ['app'],
        force,
      ),
    ).toThrow(message);
  });

  it('takes a forced digest without a deployment', async () => {
    const target = chooseExplicit(
      await history(records),
      { kind: 'explicit', digests: [{ digest: D('v9'), source: 'digest' }] },
      ['app'],
      true,
    );
    expect(target.record).toBeUndefined();
  });

  it.each([
    [
      undefined,
      ['app', 'sidecar'],
      /Input 'container-name' is empty but the task has 2 containers/,
    ],
    ['worker', ['app', 'sidecar'], /names the container "worker"/],
  ])('names the container problem (%s)', async (container, containers, message) => {
    const loaded = await history(records);
    expect(() =>
      chooseExplicit(
        loaded,
        {
          kind: 'explicit',
          digests: [
            {
              ...(container === undefined ? {} : { container }),
              digest: D('v0'),
              source: 'digest',
            },
          ],
        },
        containers,
        false,
      ),
    ).toThrow(message);
  });
});
