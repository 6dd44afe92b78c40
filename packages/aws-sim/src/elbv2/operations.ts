import { AwsError } from '../errors.js';
import type { TargetGroup } from '../state/model.js';
import type { Handler, SimContext } from '../state/context.js';
import type { World } from '../state/world.js';
import type { Json, JsonObject } from '../util/json.js';
import { compact, isObject } from '../util/json.js';
import { NOT_REGISTERED, targetHealthAt } from './target-health.js';

const notFound = (): AwsError =>
  new AwsError('TargetGroupNotFound', 'One or more target groups not found');

function list(input: JsonObject, key: string): Json[] {
  const v = input[key];
  return Array.isArray(v) ? v : [];
}

/** Creates a target group (seed only: the ELBv2 API here is read-only). */
export function addTargetGroup(
  world: World,
  name: string,
  opts: Partial<Omit<TargetGroup, 'arn' | 'name'>> = {},
): TargetGroup {
  const suffix = Buffer.from(name).toString('hex').padEnd(16, '0').slice(0, 16);
  const tg: TargetGroup = {
    arn: `arn:aws:elasticloadbalancing:${world.region}:${world.account}:targetgroup/${name}/${suffix}`,
    name,
    port: opts.port ?? 80,
    protocol: opts.protocol ?? 'HTTP',
    vpcId: opts.vpcId ?? 'vpc-0sim000000000001',
    healthCheckPath: opts.healthCheckPath ?? '/',
    healthCheckIntervalSeconds: opts.healthCheckIntervalSeconds ?? 30,
    healthCheckTimeoutSeconds: opts.healthCheckTimeoutSeconds ?? 5,
    healthyThresholdCount: opts.healthyThresholdCount ?? 5,
    unhealthyThresholdCount: opts.unhealthyThresholdCount ?? 2,
    deregistrationDelaySeconds: opts.deregistrationDelaySeconds ?? 300,
    loadBalancerArns: opts.loadBalancerArns ?? [],
  };
  world.targetGroups.set(tg.arn, tg);
  return tg;
}

function describeTargetHealth(input: JsonObject, ctx: SimContext, now: number): Json {
  const arn = typeof input.TargetGroupArn === 'string' ? input.TargetGroupArn : '';
  const tg = ctx.world.targetGroups.get(arn);
  if (!tg) throw notFound();
  const reg = ctx.world.timings.elbRegistrationSeconds;
  const present = ctx.world.targets
    .filter((t) => t.targetGroupArn === arn)
    .map((t) => ({ t, health: targetHealthAt(t, now, reg, tg.deregistrationDelaySeconds) }))
    .filter((x) => x.health !== undefined);
  const requested = list(input, 'Targets').filter(isObject);
  const describe = (id: string, port: number, az: string | undefined, health: object): Json =>
    ({
      Target: compact({ Id: id, Port: port, AvailabilityZone: az }),
      HealthCheckPort: String(port),
      TargetHealth: health,
    }) as Json;
  if (requested.length === 0) {
    return {
      TargetHealthDescriptions: present.map(({ t, health }) =>
        describe(t.id, t.port, t.availabilityZone, health ?? {}),
      ),
    };
  }
  return {
    TargetHealthDescriptions: requested.map((r) => {
      const id = typeof r.Id === 'string' ? r.Id : '';
      const port = r.Port !== undefined ? Number(r.Port) : tg.port;
      const hit = present
        .filter(({ t }) => t.id === id && (r.Port === undefined || t.port === port))
        .at(-1);
      return hit
        ? describe(hit.t.id, hit.t.port, hit.t.availabilityZone, hit.health ?? {})
        : describe(id, port, undefined, NOT_REGISTERED);
    }),
  };
}

function renderTargetGroup(tg: TargetGroup): Json {
  return {
    TargetGroupArn: tg.arn,
    TargetGroupName: tg.name,
    Protocol: tg.protocol,
    Port: tg.port,
    VpcId: tg.vpcId,
    HealthCheckProtocol: tg.protocol,
    HealthCheckPort: 'traffic-port',
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: tg.healthCheckIntervalSeconds,
    HealthCheckTimeoutSeconds: tg.healthCheckTimeoutSeconds,
    HealthyThresholdCount: tg.healthyThresholdCount,
    UnhealthyThresholdCount: tg.unhealthyThresholdCount,
    HealthCheckPath: tg.healthCheckPath,
    Matcher: { HttpCode: '200' },
    LoadBalancerArns: tg.loadBalancerArns,
    TargetType: 'ip',
    ProtocolVersion: 'HTTP1',
    IpAddressType: 'ipv4',
  };
}

function describeTargetGroups(input: JsonObject, ctx: SimContext): Json {
  const arns = list(input, 'TargetGroupArns').map(String);
  const names = list(input, 'Names').map(String);
  const all = [...ctx.world.targetGroups.values()];
  let picked = all;
  if (arns.length > 0 || names.length > 0) {
    picked = [];
    for (const a of arns) picked.push(all.find((tg) => tg.arn === a) ?? failNotFound());
    for (const n of names) picked.push(all.find((tg) => tg.name === n) ?? failNotFound());
  }
  return { TargetGroups: picked.map(renderTargetGroup) };
}

function failNotFound(): never {
  throw notFound();
}

/** The ELBv2 operations the simulator implements (awsQuery, version 2015-12-01). */
export const ELBV2_OPERATIONS: Readonly<Record<string, Handler>> = {
  DescribeTargetHealth: describeTargetHealth,
  DescribeTargetGroups: describeTargetGroups,
};
