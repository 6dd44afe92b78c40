import {
  sdkCloudWatchApi,
  sdkEcsApi,
  sdkElbApi,
  sdkLogsApi,
  type AwsExplainer,
  type AwsSettings,
  type CloudWatchApi,
  type EcsApi,
  type ElbApi,
  type LogsApi,
} from '@ecs-deploy/aws';

/** Attempts per call of a polling client: the SDK's own retries off. */
export const POLL_ATTEMPTS = 1;

declare const onePerCall: unique symbol;

/**
 * ECS, ELBv2 and CloudWatch clients made for polling: every call is a single attempt. The follower retries
 * within its own call and error budgets, so SDK retries underneath would spend them unseen and
 * stretch one poll well past its interval. Only pollingClients makes a value of this type; a
 * client with the SDK's default retries does not fit where one is required.
 */
export interface PollingClients {
  readonly ecs: EcsApi;
  readonly elb: ElbApi;
  /**
   * CloudWatch in `region`, for the state of the service's deployment alarms. Its SDK client is
   * loaded on its first call only, so a service without alarms never loads it.
   */
  readonly cloudwatch: CloudWatchApi;
  /** The region the ECS, ELBv2 and CloudWatch calls go to. */
  readonly region: string;
  /**
   * CloudWatch Logs in `region` (a container's awslogs-region may differ from the cluster's), for
   * the last lines of stopped tasks after a failure. Its SDK client is loaded on its first call
   * only, so a healthy wait never loads it.
   */
  logsIn(region: string): LogsApi;
  /** Exists only in the type: the mark that these clients make one attempt per call. */
  readonly [onePerCall]: true;
}

/** The polling clients for `settings` (region, user agent, timeout), one attempt per call. */
export function pollingClients(settings: AwsSettings, explainer?: AwsExplainer): PollingClients {
  const single: AwsSettings = { ...settings, maxAttempts: POLL_ATTEMPTS };
  const logs = new Map<string, LogsApi>();
  return {
    ecs: sdkEcsApi(single, explainer),
    elb: sdkElbApi(single, explainer),
    cloudwatch: sdkCloudWatchApi(single, explainer),
    region: settings.region,
    logsIn: (region: string): LogsApi => {
      let api = logs.get(region);
      if (api === undefined) {
        api = sdkLogsApi({ ...single, region }, explainer);
        logs.set(region, api);
      }
      return api;
    },
  } as PollingClients;
}
