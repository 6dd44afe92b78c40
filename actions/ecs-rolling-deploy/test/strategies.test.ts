// ecs-rolling-deploy through its bundle on a service that ECS deploys natively with
// `strategy: BLUE_GREEN` (docs/aws-behaviour.md#native-deployment-strategies), created with the
// AWS CLI as a team's infrastructure code would: a good image ends healthy after the bake time,
// a bad one is rolled back by ECS. The bake time (10 min, 20 s at the simulator's speed) outlasts
// the follower's 10 s between reads of the lifecycle stage, so the stage BAKE_TIME is seen.
import { afterAll, beforeAll, expect } from '@jest/globals';
import { awsCli, type AwsCli } from '@ecs-deploy/test-support/aws-cli';
import { AWS_CLI, requireTool } from '@ecs-deploy/test-support/tools';
import { errorsOf, seedWithImages, simFixture, type SimFixture } from '@ecs-deploy/test-support';

const withAws = requireTool(AWS_CLI);
const RULE =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee';
const ROLE = 'arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLoadBalancers';

withAws.describe('ecs-rolling-deploy on a BLUE_GREEN service', () => {
  let fixture: SimFixture;
  let cli: AwsCli;

  beforeAll(async () => {
    const seed = seedWithImages({ v2: '', broken: 'exit-on-start:1' });
    const web = seed.targetGroups?.[0];
    fixture = await simFixture({
      ...seed,
      targetGroups: [...(seed.targetGroups ?? []), { ...web, name: 'web-alt' }],
    });
    cli = awsCli(fixture.sim);
    const groups = await cli.json<{ TargetGroups: { TargetGroupArn: string }[] }>([
      'elbv2',
      'describe-target-groups',
      '--names',
      'web',
      'web-alt',
    ]);
    const [production, alternate] = groups.TargetGroups.map((g) => g.TargetGroupArn);
    await cli.json([
      'ecs',
      'create-service',
      '--cluster',
      'demo',
      '--service-name',
      'bg',
      '--task-definition',
      'web',
      '--desired-count',
      '2',
      '--launch-type',
      'FARGATE',
      '--network-configuration',
      'awsvpcConfiguration={subnets=[subnet-0sim0000000000001],securityGroups=[sg-0sim000000000001]}',
      '--deployment-configuration',
      'strategy=BLUE_GREEN,bakeTimeInMinutes=10,deploymentCircuitBreaker={enable=true,rollback=true}',
      '--load-balancers',
      `targetGroupArn=${production ?? ''},containerName=app,containerPort=8080,advancedConfiguration={alternateTargetGroupArn=${alternate ?? ''},productionListenerRule=${RULE},roleArn=${ROLE}}`,
    ]);
  }, 60_000);
  afterAll(async () => {
    cli.close();
    await fixture.close();
  });

  const deploy = (tag: string): ReturnType<SimFixture['step']> =>
    fixture.step('ecs-rolling-deploy', {
      cluster: 'demo',
      service: 'bg',
      'task-definition': fixture.writeTaskDefinition(
        `bg-${tag}.json`,
        `${fixture.registry}/web:${tag}`,
      ),
      'poll-min-interval': '500ms',
      'poll-max-interval': '1s',
      timeout: '2m',
    });

  withAws.it(
    'follows a good image through the bake time to healthy',
    async () => {
      const result = await deploy('v2');
      expect(errorsOf(result)).toBe('');
      expect(result.outputs.get('result')).toBe('healthy');
      // The follower tells the service deployment's lifecycle stages as ECS goes through them.
      expect(result.stdout).toMatch(/demo\/bg: BLUE_GREEN stage BAKE_TIME \(bake time 10 min, /);
    },
    120_000,
  );

  withAws.it(
    'ends rolled-back when the new tasks fail, with ECS back on the blue revision',
    async () => {
      const result = await deploy('broken');
      expect(result.exitCode).toBe(1);
      expect(result.outputs.get('result')).toBe('rolled-back');
      expect(result.outputs.get('rollback-result')).toBe('healthy');
      // The rollback puts the blue deployment back: its old events are not told twice.
      const rollbackGroup = result.stdout.slice(result.stdout.indexOf("ECS's rollback deployment"));
      expect(rollbackGroup).not.toMatch(/is unable to consistently start tasks/);
    },
    120_000,
  );

  withAws.it(
    'rollback-digest steps the blue/green service back to v1, through its stages',
    async () => {
      const result = await fixture.step('rollback-digest', {
        cluster: 'demo',
        service: 'bg',
        // v1, v2, then the broken version ECS already rolled back: two steps back is v1.
        'steps-back': '2',
        'poll-min-interval': '500ms',
        'poll-max-interval': '1s',
        timeout: '2m',
      });
      expect(errorsOf(result)).toBe('');
      expect(result.outputs.get('result')).toBe('healthy');
      expect(result.outputs.get('noop')).toBe('false');
      expect(result.stdout).toMatch(/demo\/bg: BLUE_GREEN stage BAKE_TIME/);
      expect(result.outputs.get('rolled-back-to')).toMatch(/"app":"sha256:[0-9a-f]{64}"/);
    },
    120_000,
  );

  withAws.it(
    'bake-time sets the service’s bakeTimeInMinutes for the deploy; refused on a ROLLING service',
    async () => {
      const result = await fixture.step('ecs-rolling-deploy', {
        cluster: 'demo',
        service: 'bg',
        'task-definition': fixture.writeTaskDefinition('bg-v2b.json', `${fixture.registry}/web:v2`),
        'force-new-deployment': 'true',
        'bake-time': '1m',
        'poll-min-interval': '500ms',
        'poll-max-interval': '1s',
        timeout: '2m',
      });
      expect(errorsOf(result)).toBe('');
      expect(result.outputs.get('result')).toBe('healthy');
      const described = await cli.json<{
        services: { deploymentConfiguration: { bakeTimeInMinutes?: number } }[];
      }>(['ecs', 'describe-services', '--cluster', 'demo', '--services', 'bg']);
      expect(described.services[0]?.deploymentConfiguration.bakeTimeInMinutes).toBe(1);
      const mark = fixture.sim.log.mark();
      const refused = await fixture.step('ecs-rolling-deploy', {
        cluster: 'demo',
        service: 'web',
        'task-definition': fixture.writeTaskDefinition('web-v2.json', `${fixture.registry}/web:v2`),
        'bake-time': '5m',
      });
      expect(refused.exitCode).toBe(1);
      expect(errorsOf(refused)).toContain(
        "Input 'bake-time' is set, but service 'web' deploys with the ROLLING strategy",
      );
      expect(fixture.mutatingSince(mark)).toEqual([]);
    },
    120_000,
  );
});
