import { AwsError } from '../errors.js';
import type { DeploymentControllerType, Service } from '../state/model.js';
import type { Json, JsonObject } from '../util/json.js';
import { clone, isObject } from '../util/json.js';

/**
 * CreateService/UpdateService members the simulator stores and DescribeServices returns as given,
 * with the value DescribeServices shows when they were never set. The engine does not act on
 * them (no placement, no Cloud Map, no ECS Exec). Of these, only serviceRegistries starts a new
 * deployment when UpdateService changes it (the ECS API reference says so member by member:
 * "This parameter triggers a new service deployment" / "doesn't trigger").
 */
export const SERVICE_SETTINGS: Readonly<Record<string, Json | undefined>> = {
  capacityProviderStrategy: undefined,
  placementConstraints: [],
  placementStrategy: [],
  serviceRegistries: [],
  enableECSManagedTags: false,
  propagateTags: 'NONE',
  enableExecuteCommand: false,
  availabilityZoneRebalancing: undefined,
};

/** Stored settings whose change on UpdateService starts a new deployment. */
export const REDEPLOYING_SETTINGS = ['serviceRegistries'] as const;

/**
 * Members that the model puts on each `Deployment` rather than on the `Service`: stored, copied
 * into every new deployment, and a change starts one (UpdateService: "You can update your volume
 * configurations and trigger a new deployment").
 */
export const DEPLOYMENT_SETTINGS = [
  'serviceConnectConfiguration',
  'volumeConfigurations',
  'vpcLatticeConfigurations',
] as const;

/**
 * What UpdateService may change per deployment controller, from the ECS API reference for
 * UpdateService: for CODE_DEPLOY "only the desired count, deployment configuration, health check
 * grace period, task placement constraints and strategies, enable ECS managed tags option, and
 * propagate tags"; for EXTERNAL the same without the deployment configuration.
 */
const UPDATABLE: Readonly<Record<Exclude<DeploymentControllerType, 'ECS'>, readonly string[]>> = {
  CODE_DEPLOY: [
    'desiredCount',
    'deploymentConfiguration',
    'healthCheckGracePeriodSeconds',
    'placementConstraints',
    'placementStrategy',
    'enableECSManagedTags',
    'propagateTags',
  ],
  EXTERNAL: [
    'desiredCount',
    'healthCheckGracePeriodSeconds',
    'placementConstraints',
    'placementStrategy',
    'enableECSManagedTags',
    'propagateTags',
  ],
};

const MEMBER_WORDS: Readonly<Record<string, string>> = {
  taskDefinition: 'task definition',
  networkConfiguration: 'network configuration',
  platformVersion: 'platform version',
  loadBalancers: 'load balancers',
  forceNewDeployment: 'force new deployment',
};

/** The controller type of a CreateService input (ECS when absent). */
export function controllerType(input: JsonObject): DeploymentControllerType {
  const dc = isObject(input.deploymentController) ? input.deploymentController : undefined;
  const type = dc?.type;
  return type === 'CODE_DEPLOY' || type === 'EXTERNAL' ? type : 'ECS';
}

/**
 * Refuses UpdateService members a CODE_DEPLOY or EXTERNAL service cannot change. For the task
 * definition on CODE_DEPLOY this is ECS's own InvalidParameterException text ("Unable to update
 * task definition on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to
 * trigger a new deployment.", as reported in fabfuel/ecs-deploy#175 and aws/aws-cdk#25777); the
 * texts for other members and for EXTERNAL follow the same pattern and are our rendering.
 */
export function checkControllerUpdate(service: Service, input: JsonObject): void {
  const type = service.deploymentController;
  if (type === 'ECS') return;
  const allowed = new Set(['cluster', 'service', ...UPDATABLE[type]]);
  for (const [key, value] of Object.entries(input)) {
    if (allowed.has(key) || value === undefined || value === null) continue;
    if (key === 'forceNewDeployment' && value === false) continue;
    if (key === 'deploymentController' && isObject(value) && value.type === type) continue;
    const what = MEMBER_WORDS[key] ?? key;
    throw new AwsError(
      'InvalidParameterException',
      type === 'CODE_DEPLOY'
        ? `Unable to update ${what} on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.`
        : `Unable to update ${what} on services with an EXTERNAL deployment controller. Use CreateTaskSet to deploy a new task set.`,
    );
  }
}

/**
 * Refuses a change of deployment controller on UpdateService: ECS allows some migrations, the
 * simulator models none of them (UnsupportedFeatureException, which UpdateService declares).
 */
export function checkControllerUnchanged(service: Service, input: JsonObject): void {
  if (input.deploymentController === undefined || input.deploymentController === null) return;
  const wanted = controllerType(input);
  if (wanted !== service.deploymentController) {
    throw new AwsError(
      'UnsupportedFeatureException',
      `The simulator does not support changing the deployment controller (${service.deploymentController} to ${wanted}).`,
    );
  }
}

/** Capacity providers every simulated cluster has (DescribeClusters shows them). */
const CLUSTER_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'];

/**
 * A capacityProviderStrategy may only name the cluster's providers, and not come with a launch
 * type. Messages are our rendering of ECS's InvalidParameterException texts.
 */
export function checkCapacityProviders(input: JsonObject): void {
  const strategy = Array.isArray(input.capacityProviderStrategy)
    ? input.capacityProviderStrategy.filter(isObject)
    : [];
  if (strategy.length === 0) return;
  if (typeof input.launchType === 'string')
    throw new AwsError(
      'InvalidParameterException',
      'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    );
  for (const item of strategy) {
    const provider = typeof item.capacityProvider === 'string' ? item.capacityProvider : '';
    if (!CLUSTER_PROVIDERS.includes(provider))
      throw new AwsError(
        'InvalidParameterException',
        `The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster (${provider}). Associate the capacity provider with the cluster or specify a valid capacity provider and try again.`,
      );
  }
}

/** Copies the stored settings present in `input` into `into`; true when any value changed. */
export function applySettings(
  into: JsonObject,
  input: JsonObject,
  keys: readonly string[],
): boolean {
  let changed = false;
  for (const key of keys) {
    const value = input[key];
    if (value === undefined || value === null) continue;
    if (JSON.stringify(value) !== JSON.stringify(into[key])) changed = true;
    into[key] = clone(value);
  }
  return changed;
}

/** The stored settings as DescribeServices shows them (defaults where never set). */
export function renderSettings(settings: JsonObject): Record<string, Json | undefined> {
  const out: Record<string, Json | undefined> = {};
  for (const [key, fallback] of Object.entries(SERVICE_SETTINGS))
    out[key] = settings[key] ?? fallback;
  return out;
}
