import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  type TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { clientConfig, type AwsSettings } from './config.js';
import { explainedCall } from './errors.js';
import type { AwsExplainer } from './explainer.js';

/** Target health of the service's target groups. */
export interface ElbApi {
  targetHealth(targetGroupArn: string): Promise<TargetHealthDescription[]>;
}

/** ElbApi over the SDK v3 client; failures explained by the action's inputs with `explainer`. */
export function sdkElbApi(settings: AwsSettings, explainer?: AwsExplainer): ElbApi {
  const client = new ElasticLoadBalancingV2Client(clientConfig(settings));
  return {
    targetHealth: async (targetGroupArn) => {
      const input = { TargetGroupArn: targetGroupArn };
      const answer = await explainedCall(
        settings,
        explainer,
        'elasticloadbalancing:DescribeTargetHealth',
        input,
        () => client.send(new DescribeTargetHealthCommand(input)),
      );
      return answer.TargetHealthDescriptions ?? [];
    },
  };
}
