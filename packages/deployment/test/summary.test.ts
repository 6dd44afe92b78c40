import { describe, expect, it } from '@jest/globals';
import { follow, renderSummary, type FollowResult } from '../src/index.js';
import { T0, type Scenario } from './fixtures/build.js';
import { failures } from './fixtures/failures.js';
import { rollouts } from './fixtures/rollouts.js';
import { FakeClock, FakeLog, ReplaySource } from './fakes.js';

async function resultOf(name: string): Promise<FollowResult> {
  const s: Scenario | undefined = [...rollouts, ...failures].find((x) => x.name.startsWith(name));
  if (s === undefined) throw new Error(name);
  const clock = new FakeClock(T0);
  return follow(
    new ReplaySource(s.observations, clock, undefined, s.config.probe !== undefined),
    s.config,
    clock,
    new FakeLog(clock),
  );
}

describe('renderSummary', () => {
  it('shows a healthy wait as a timeline table without failure sections', async () => {
    const md = renderSummary(await resultOf('healthy rollout'));
    expect(md).toContain('### dev/api: ✅ healthy');
    expect(md).toContain('| Time (UTC) | Elapsed | What |');
    expect(md).toContain('| 10:00:00 | 0 s | started following |');
    expect(md).toMatch(/\| 10:0\d:\d\d \| 6 min 2\d s \| verdict: healthy \|/);
    expect(md).toContain('ecs-svc/1571272475813219068: PRIMARY, COMPLETED');
    expect(md).not.toContain('**Stopped tasks**');
    expect(md).toContain('<details><summary>Last service events</summary>');
  });

  it('lists grouped stopped-task reasons and the rollback for a rolled-back deployment', async () => {
    const md = renderSummary(await resultOf('exits on start'));
    expect(md).toContain('### dev/api: ❌ rolled back by ECS');
    expect(md).toContain('**Stopped tasks**');
    expect(md).toContain('- Essential container in task exited (app: exit code 1) (2 tasks)');
    expect(md).toContain(
      '- Essential container in task exited (app: exit code 137, OutOfMemoryError: Container killed due to memory usage) (1 task)',
    );
    expect(md).toContain('- ECS deployment circuit breaker: tasks failed to start.');
    expect(md).toContain('ecs-svc/7320448713530291743 (api:7) became PRIMARY');
    expect(md).toContain('| verdict: rolled-back |');
  });

  it('shows target health and probe reasons', async () => {
    const elb = renderSummary(await resultOf('ELB target health'));
    expect(elb).toContain('**Target health**');
    expect(elb).toContain(
      '- Target.ResponseCodeMismatch: Health checks failed with these codes: [503] (target group dev-api, 1 target)',
    );
    expect(elb).toContain(
      '- tasks unhealthy in target group dev-api: Health checks failed with these codes: [503] (2 times)',
    );
    const probe = renderSummary(await resultOf('probe failing'));
    expect(probe).toContain('**HTTP probe**');
    expect(probe).toContain(
      '- probe https://api.dev.example.com/healthz: HTTP 503, body did not match',
    );
  });

  it('says what a timed-out wait was still waiting for', async () => {
    const md = renderSummary(await resultOf('timeout'));
    expect(md).toContain('❌ timed out');
    expect(md).toContain('**Still waiting for**');
    expect(md).toContain('- ECS rollout IN_PROGRESS (0/2 running)');
    expect(md).toContain('- (service api) was unable to stop or start tasks during a deployment');
  });

  it('escapes table cells and HTML in AWS-provided text', () => {
    const result: FollowResult = {
      outcome: 'failed',
      label: 'dev/api',
      startedAt: T0,
      endedAt: T0 + 5_000,
      polls: 3,
      timeline: [{ at: T0, text: 'a | b <script>' }],
      reasons: {
        stoppedTasks: [],
        events: ['x <y> & z'],
        targetHealth: [],
        problems: [
          'unable to place a task because no container instance met all of its requirements',
        ],
        probe: [],
        waitingFor: [],
      },
      message: 'dev/api: failed',
    };
    const md = renderSummary(result);
    expect(md).toContain('| a \\| b &lt;script&gt; |');
    expect(md).toContain('- x &lt;y&gt; &amp; z');
    expect(md).toContain('3 polls over 5 s.');
    expect(md).toContain('**Reported by ECS**');
  });
});
