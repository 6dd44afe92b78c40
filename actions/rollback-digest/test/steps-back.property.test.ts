// steps-back on generated histories: the rule (target.ts chooseFromHistory) checked through
// properties stated independently of how it is computed.
import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '@ecs-deploy/test-support/random';
import { loadHistory } from '../src/history.js';
import { chooseFromHistory } from '../src/target.js';
import { D, recordedEcs, type Recorded } from './fixtures.js';

interface Deployment {
  readonly version: string;
  readonly status: 'SUCCESSFUL' | 'STOPPED' | 'ROLLBACK_SUCCESSFUL';
  readonly rollbackTo?: string;
}

/**
 * A history of 1–14 deployments, oldest first, over 1–5 versions: mostly successful, some
 * stopped, some rolled back by the circuit breaker to the version running before them.
 */
function generate(next: () => number): Deployment[] {
  const versions = 1 + Math.floor(next() * 5);
  const count = 1 + Math.floor(next() * 14);
  const out: Deployment[] = [];
  let running: string | undefined;
  for (let i = 0; i < count; i++) {
    const version = `v${Math.floor(next() * versions)}`;
    const roll = next();
    if (roll < 0.7 || running === undefined) {
      out.push({ version, status: 'SUCCESSFUL' });
      running = version;
    } else if (roll < 0.85) out.push({ version, status: 'STOPPED' });
    else out.push({ version, status: 'ROLLBACK_SUCCESSFUL', rollbackTo: running });
  }
  return out;
}

function recorded(deployments: readonly Deployment[]): Recorded[] {
  return deployments
    .map((d, i): Recorded =>
      d.rollbackTo === undefined
        ? [String(i + 1), d.status, d.version]
        : [String(i + 1), d.status, d.version, d.rollbackTo],
    )
    .reverse();
}

describe('steps-back on generated histories', () => {
  it('goes to the N-th distinct healthy version before the current one, each counted once', async () => {
    let checked = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const deployments = generate(seededRandom(seed));
      const history = await loadHistory(recordedEcs(recorded(deployments)), 'c', 'web');
      const current = deployments.at(-1)?.version ?? '';
      // Older deployments newest first; a version's position is its most recent healthy run.
      const older = deployments.slice(0, -1).reverse();
      for (const stepsBack of [1, 2, 3]) {
        const label = `seed ${seed}, steps-back ${stepsBack}: ${deployments.map((d) => `${d.version}/${d.status}`).join(' ')}`;
        const healthyBefore = new Set(
          older
            .filter((d) => d.status === 'SUCCESSFUL' && d.version !== current)
            .map((d) => d.version),
        );
        if (healthyBefore.size < stepsBack) {
          expect(() => chooseFromHistory(history, stepsBack)).toThrow(
            /Cannot go \d+ step\(s\) back/,
          );
          continue;
        }
        const target = chooseFromHistory(history, stepsBack);
        const chosen = target.digests.app;
        const version = [...healthyBefore].find((v) => D(v) === chosen);
        // It is a version other than the current one that ran healthy before it…
        expect({ label, version: version !== undefined }).toEqual({ label, version: true });
        const at = older.findIndex((d) => d.status === 'SUCCESSFUL' && d.version === version);
        // …and exactly N−1 other healthy versions ran (last) more recently than it did.
        const between = new Set(
          older
            .slice(0, at)
            .filter((d) => d.status === 'SUCCESSFUL' && d.version !== current)
            .map((d) => d.version),
        );
        expect({ label, between: between.size }).toEqual({ label, between: stepsBack - 1 });
        checked++;
      }
    }
    // The generator must reach the interesting cases, not only short histories.
    expect(checked).toBeGreaterThan(300);
  });

  it('counts a redeployment of an earlier version (not by a rollback of ours) as the current version', async () => {
    // v1, v2 deployed, then v1 again (a revert, say); steps-back 1 names v2, the one before it.
    const deployments: Deployment[] = [
      { version: 'v1', status: 'SUCCESSFUL' },
      { version: 'v2', status: 'SUCCESSFUL' },
    ];
    const first = chooseFromHistory(
      await loadHistory(recordedEcs(recorded(deployments)), 'c', 'web'),
      1,
    );
    expect(first.digests).toEqual({ app: D('v1') });
    const again = chooseFromHistory(
      await loadHistory(
        recordedEcs(recorded([...deployments, { version: 'v1', status: 'SUCCESSFUL' }])),
        'c',
        'web',
      ),
      1,
    );
    expect(again.digests).toEqual({ app: D('v2') });
  });

  it('does not count a rollback of ours as a new version: running it again changes nothing', async () => {
    const history = await loadHistory(
      recordedEcs(
        recorded([
          { version: 'v1', status: 'SUCCESSFUL' },
          { version: 'v2', status: 'SUCCESSFUL' },
          { version: 'v1', status: 'SUCCESSFUL' },
        ]),
      ),
      'c',
      'web',
    );
    // The same target as the first run: v1, which the service already runs (a no-op).
    expect(chooseFromHistory(history, 1, true).digests).toEqual({ app: D('v1') });
    // Counted from v2, the version that rollback left: only v1 ran healthy before it.
    expect(() => chooseFromHistory(history, 2, true)).toThrow(/only 1 earlier healthy version/);
  });
});
