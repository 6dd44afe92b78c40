import type {
  DescribeAlarmsCommand as DescribeAlarms,
  CloudWatchClient as Client,
  CompositeAlarm,
  MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { clientConfig, type AwsSettings } from './config.js';
import { explainedCall } from './errors.js';
import type { AwsExplainer } from './explainer.js';

/** DescribeAlarms accepts at most this many alarm names in one call (CloudWatch API reference). */
export const MAX_ALARM_NAMES = 100;

/** The CloudWatch operation the actions use: the state of a deployment's alarms. */
export interface CloudWatchApi {
  /**
   * The alarms (metric and composite) with these names, in one call (at most MAX_ALARM_NAMES).
   * Names no alarm has are left out.
   */
  describeAlarms(alarmNames: readonly string[]): Promise<(MetricAlarm | CompositeAlarm)[]>;
}

interface Loaded {
  readonly client: Client;
  readonly Command: typeof DescribeAlarms;
}

/** Loads the SDK module; the destructuring tells webpack which exports the chunk needs. */
async function loadCloudWatch(settings: AwsSettings): Promise<Loaded> {
  const { CloudWatchClient, DescribeAlarmsCommand } = await import('@aws-sdk/client-cloudwatch');
  return {
    client: new CloudWatchClient(clientConfig(settings)),
    Command: DescribeAlarmsCommand,
  };
}

/**
 * CloudWatchApi over the SDK v3 client; failures explained by the action's inputs with
 * `explainer`. The SDK module is loaded, and the client built, on the first call: a service
 * without deployment alarms never makes one, so its run does not load the CloudWatch client.
 */
export function sdkCloudWatchApi(settings: AwsSettings, explainer?: AwsExplainer): CloudWatchApi {
  let sdk: Promise<Loaded> | undefined;
  const loaded = (): Promise<Loaded> => (sdk ??= loadCloudWatch(settings));
  return {
    describeAlarms: async (alarmNames) => {
      if (alarmNames.length === 0) return [];
      const input = {
        AlarmNames: [...alarmNames],
        AlarmTypes: ['MetricAlarm' as const, 'CompositeAlarm' as const],
        MaxRecords: MAX_ALARM_NAMES,
      };
      const answer = await explainedCall(
        settings,
        explainer,
        'cloudwatch:DescribeAlarms',
        input,
        async () => {
          const { client, Command } = await loaded();
          return client.send(new Command(input));
        },
      );
      return [...(answer.MetricAlarms ?? []), ...(answer.CompositeAlarms ?? [])];
    },
  };
}
