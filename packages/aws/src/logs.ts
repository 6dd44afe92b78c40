import type {
  GetLogEventsCommandInput,
  GetLogEventsCommandOutput,
} from '@aws-sdk/client-cloudwatch-logs';
import { clientConfig, type AwsSettings } from './config.js';
import { explainedCall } from './errors.js';
import type { AwsExplainer } from './explainer.js';

/** The CloudWatch Logs operation the actions use to read a container's output. */
export interface LogsApi {
  getLogEvents(input: GetLogEventsCommandInput): Promise<GetLogEventsCommandOutput>;
}

/**
 * LogsApi over the SDK v3 client, in the region of the log group (a container's awslogs-region
 * may differ from the cluster's). The client is loaded on the first call: actions that read logs
 * only after a failure pay for it only then.
 */
export function sdkLogsApi(settings: AwsSettings, explainer?: AwsExplainer): LogsApi {
  type Send = (input: GetLogEventsCommandInput) => Promise<GetLogEventsCommandOutput>;
  let send: Promise<Send> | undefined;
  const load = async (): Promise<Send> => {
    const sdk = await import('@aws-sdk/client-cloudwatch-logs');
    const client = new sdk.CloudWatchLogsClient(clientConfig(settings));
    return (input) => client.send(new sdk.GetLogEventsCommand(input));
  };
  return {
    getLogEvents: (input) =>
      explainedCall(settings, explainer, 'logs:GetLogEvents', input, async () => {
        send ??= load();
        return (await send)(input);
      }),
  };
}
