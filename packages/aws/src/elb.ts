import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  type TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { clientConfig, type AwsSettings } from './config.js';
import { call } from './errors.js';

/** Target health of the service's target groups. */
export interface ElbApi {
  targetHealth(targetGroupArn: string): Promise<TargetHealthDescription[]>;
}

/** ElbApi over the SDK v3 client. */
export function sdkElbApi(settings: AwsSettings): ElbApi {
  const client = new ElasticLoadBalancingV2Client(clientConfig(settings));
  return {
    targetHealth: async (targetGroupArn) => {
      const answer = await call('elasticloadbalancing:DescribeTargetHealth', () =>
        client.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn })),
      );
      return answer.TargetHealthDescriptions ?? [];
    },
  };
}
