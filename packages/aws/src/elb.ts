import type {
  DescribeTargetHealthCommand as DescribeTargetHealth,
  ElasticLoadBalancingV2Client as Client,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { clientConfig, type AwsSettings } from './config.js';
import { explainedCall } from './errors.js';
import type { AwsExplainer } from './explainer.js';

/** Target health of the service's target groups. */
export interface ElbApi {
  targetHealth(targetGroupArn: string): Promise<TargetHealthDescription[]>;
}

interface Loaded {
  readonly client: Client;
  readonly Command: typeof DescribeTargetHealth;
}

/** Loads the SDK module; the destructuring tells webpack which exports the chunk needs. */
async function loadElb(settings: AwsSettings): Promise<Loaded> {
  const { DescribeTargetHealthCommand, ElasticLoadBalancingV2Client } =
    await import('@aws-sdk/client-elastic-load-balancing-v2');
  return {
    client: new ElasticLoadBalancingV2Client(clientConfig(settings)),
    Command: DescribeTargetHealthCommand,
  };
}

/**
 * ElbApi over the SDK v3 client; failures explained by the action's inputs with `explainer`. The
 * SDK module is loaded, and the client built, on the first call: a service without target groups
 * never makes one, so its run neither loads nor parses the ELBv2 client (a separate chunk in the
 * bundle).
 */
export function sdkElbApi(settings: AwsSettings, explainer?: AwsExplainer): ElbApi {
  let sdk: Promise<Loaded> | undefined;
  const loaded = (): Promise<Loaded> => (sdk ??= loadElb(settings));
  return {
    targetHealth: async (targetGroupArn) => {
      const input = { TargetGroupArn: targetGroupArn };
      const answer = await explainedCall(
        settings,
        explainer,
        'elasticloadbalancing:DescribeTargetHealth',
        input,
        async () => {
          const { client, Command } = await loaded();
          return client.send(new Command(input));
        },
      );
      return answer.TargetHealthDescriptions ?? [];
    },
  };
}
