import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { clientConfig, type AwsSettings } from './config.js';
import { explainedCall } from './errors.js';
import type { AwsExplainer } from './explainer.js';

/** Who the job is in AWS: the account is what the registry host is derived from, in-job. */
export interface StsApi {
  callerIdentity(): Promise<{ account: string; arn: string }>;
}

/** StsApi over the SDK v3 client; failures explained by the action's inputs with `explainer`. */
export function sdkStsApi(settings: AwsSettings, explainer?: AwsExplainer): StsApi {
  const client = new STSClient(clientConfig(settings));
  return {
    callerIdentity: async () => {
      const answer = await explainedCall(settings, explainer, 'sts:GetCallerIdentity', {}, () =>
        client.send(new GetCallerIdentityCommand({})),
      );
      return { account: answer.Account ?? '', arn: answer.Arn ?? '' };
    },
  };
}
