import {
  sdkEcsApi,
  sdkElbApi,
  type AwsExplainer,
  type AwsSettings,
  type EcsApi,
  type ElbApi,
} from '@ecs-deploy/aws';

/** Attempts per call of a polling client: the SDK's own retries off. */
export const POLL_ATTEMPTS = 1;

declare const onePerCall: unique symbol;

/**
 * ECS and ELBv2 clients made for polling: every call is a single attempt. The follower retries
 * within its own call and error budgets, so SDK retries underneath would spend them unseen and
 * stretch one poll well past its interval. Only pollingClients makes a value of this type; a
 * client with the SDK's default retries does not fit where one is required.
 */
export interface PollingClients {
  readonly ecs: EcsApi;
  readonly elb: ElbApi;
  /** Exists only in the type: the mark that these clients make one attempt per call. */
  readonly [onePerCall]: true;
}

/** The polling clients for `settings` (region, user agent, timeout), one attempt per call. */
export function pollingClients(settings: AwsSettings, explainer?: AwsExplainer): PollingClients {
  const single: AwsSettings = { ...settings, maxAttempts: POLL_ATTEMPTS };
  return {
    ecs: sdkEcsApi(single, explainer),
    elb: sdkElbApi(single, explainer),
  } as PollingClients;
}
