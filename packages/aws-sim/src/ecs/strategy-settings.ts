/**
 * CreateService/UpdateService checks of the traffic-shifting strategies
 * (docs/aws-behaviour.md#native-deployment-strategies). The ranges are the API reference's; the
 * message texts are the simulator's rendering (no field report shows ECS's own).
 */
import { AwsError } from '../errors.js';
import type { DeploymentControllerType } from '../state/model.js';
import type { World } from '../state/world.js';
import type { JsonObject } from '../util/json.js';
import { isObject } from '../util/json.js';

const invalid = (message: string): AwsError => new AwsError('InvalidParameterException', message);

function checkRange(value: unknown, name: string, min: number, max: number, tenths = false): void {
  if (typeof value !== 'number') return;
  const offGrid = tenths && Math.abs(value * 10 - Math.round(value * 10)) > 1e-9;
  if (value < min || value > max || offGrid || (!tenths && !Number.isInteger(value)))
    throw invalid(
      tenths
        ? `${name} must be a multiple of 0.1 between ${min.toFixed(1)} and ${max.toFixed(1)}.`
        : `${name} must be between ${min} and ${max}.`,
    );
}

/** advancedConfiguration of a load balancer: its alternate target group must exist. */
function checkAdvanced(world: World, lb: JsonObject): void {
  const adv = lb.advancedConfiguration;
  if (!isObject(adv)) return;
  const alt = adv.alternateTargetGroupArn;
  if (typeof alt !== 'string' || alt === '')
    throw invalid('advancedConfiguration requires alternateTargetGroupArn.');
  if (typeof adv.productionListenerRule !== 'string' || adv.productionListenerRule === '')
    throw invalid('advancedConfiguration requires productionListenerRule.');
  if (typeof adv.roleArn !== 'string' || adv.roleArn === '')
    throw invalid('advancedConfiguration requires roleArn.');
  if (!world.targetGroups.has(alt))
    throw invalid(`The target group with targetGroupArn ${alt} does not exist.`);
  if (alt === lb.targetGroupArn)
    throw invalid(
      'alternateTargetGroupArn must differ from the targetGroupArn of the load balancer.',
    );
}

/** What a strategy check needs to know about the service after the request. */
export interface StrategyCheck {
  /** The request's own deploymentConfiguration (undefined when it has none). */
  requested: JsonObject | undefined;
  /** The service's deploymentConfiguration after the request. */
  effective: JsonObject;
  controller: DeploymentControllerType;
  loadBalancers: readonly JsonObject[];
  /** Whether the service uses Service Connect (serviceConnectConfiguration.enabled). */
  serviceConnect: boolean;
}

/** Refuses a strategy configuration ECS documents as invalid. */
export function checkStrategy(world: World, c: StrategyCheck): void {
  for (const lb of c.loadBalancers) checkAdvanced(world, lb);
  const strategy = typeof c.effective.strategy === 'string' ? c.effective.strategy : 'ROLLING';
  const req = c.requested ?? {};
  checkRange(req.bakeTimeInMinutes, 'bakeTimeInMinutes', 0, 1440);
  const linear = isObject(req.linearConfiguration) ? req.linearConfiguration : undefined;
  const canary = isObject(req.canaryConfiguration) ? req.canaryConfiguration : undefined;
  if (linear && strategy !== 'LINEAR')
    throw invalid('linearConfiguration is only valid when the deployment strategy is LINEAR.');
  if (canary && strategy !== 'CANARY')
    throw invalid('canaryConfiguration is only valid when the deployment strategy is CANARY.');
  if (linear) {
    checkRange(linear.stepPercent, 'linearConfiguration.stepPercent', 3, 100, true);
    checkRange(linear.stepBakeTimeInMinutes, 'linearConfiguration.stepBakeTimeInMinutes', 0, 1440);
  }
  if (canary) {
    checkRange(canary.canaryPercent, 'canaryConfiguration.canaryPercent', 0.1, 100, true);
    checkRange(
      canary.canaryBakeTimeInMinutes,
      'canaryConfiguration.canaryBakeTimeInMinutes',
      0,
      1440,
    );
  }
  if (strategy === 'ROLLING') return;
  if (c.controller !== 'ECS')
    throw invalid(
      `The ${strategy} deployment strategy is only supported for services that use the ECS deployment controller.`,
    );
  if (
    (strategy === 'LINEAR' || strategy === 'CANARY') &&
    !c.serviceConnect &&
    !c.loadBalancers.some((lb) => isObject(lb.advancedConfiguration))
  )
    throw invalid(
      `The ${strategy} deployment strategy requires a load balancer with advancedConfiguration or Service Connect.`,
    );
}
