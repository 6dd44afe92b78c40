import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { clientConfig, type AwsSettings } from './config.js';
import { call } from './errors.js';

/** Who the job is in AWS: the account is what the registry host is derived from, in-job. */
export interface StsApi {
  callerIdentity(): Promise<{ account: string; arn: string }>;
}

/** StsApi over the SDK v3 client. */
export function sdkStsApi(settings: AwsSettings): StsApi {
  const client = new STSClient(clientConfig(settings));
  return {
    callerIdentity: async () => {
      const answer = await call('sts:GetCallerIdentity', () =>
        client.send(new GetCallerIdentityCommand({})),
      );
      return { account: answer.Account ?? '', arn: answer.Arn ?? '' };
    },
  };
}
