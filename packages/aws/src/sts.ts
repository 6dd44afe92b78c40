import type {
  GetCallerIdentityCommand as GetCallerIdentity,
  STSClient as Client,
} from '@aws-sdk/client-sts';
import { clientConfig, type AwsSettings } from './config.js';
import { explainedCall } from './errors.js';
import type { AwsExplainer } from './explainer.js';

/** Who the job is in AWS: the account is what the registry host is derived from, in-job. */
export interface StsApi {
  callerIdentity(): Promise<{ account: string; arn: string }>;
}

interface Loaded {
  readonly client: Client;
  readonly Command: typeof GetCallerIdentity;
}

/** Loads the SDK module; the destructuring tells webpack which exports the chunk needs. */
async function loadSts(settings: AwsSettings): Promise<Loaded> {
  const { GetCallerIdentityCommand, STSClient } = await import('@aws-sdk/client-sts');
  return { client: new STSClient(clientConfig(settings)), Command: GetCallerIdentityCommand };
}

/**
 * StsApi over the SDK v3 client; failures explained by the action's inputs with `explainer`. The
 * SDK module is loaded, and the client built, on the first call: most runs never ask who they are
 * (the AccessDenied explainer asks only for a failure blamed on an input), so the STS client is a
 * separate chunk of the bundle, loaded by the runs that need it.
 */
export function sdkStsApi(settings: AwsSettings, explainer?: AwsExplainer): StsApi {
  let sdk: Promise<Loaded> | undefined;
  const loaded = (): Promise<Loaded> => (sdk ??= loadSts(settings));
  return {
    callerIdentity: async () => {
      const answer = await explainedCall(
        settings,
        explainer,
        'sts:GetCallerIdentity',
        {},
        async () => {
          const { client, Command } = await loaded();
          return client.send(new Command({}));
        },
      );
      return { account: answer.Account ?? '', arn: answer.Arn ?? '' };
    },
  };
}
