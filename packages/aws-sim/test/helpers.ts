import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { STSClient } from '@aws-sdk/client-sts';
import type { Simulator } from '../src/index.js';

/** SDK clients pointed at a simulator, configured the way the actions configure them. */
export interface Clients {
  ecs: ECSClient;
  ecr: ECRClient;
  sts: STSClient;
  elb: ElasticLoadBalancingV2Client;
  destroy(): void;
}

/** Builds real SDK v3 clients for the simulator (explicit endpoint, dummy credentials). */
export function clientsFor(sim: Simulator, maxAttempts = 3): Clients {
  const config = {
    endpoint: sim.endpoint,
    region: sim.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    maxAttempts,
  };
  const ecs = new ECSClient(config);
  const ecr = new ECRClient(config);
  const sts = new STSClient(config);
  const elb = new ElasticLoadBalancingV2Client(config);
  return {
    ecs,
    ecr,
    sts,
    elb,
    destroy: () => {
      ecs.destroy();
      ecr.destroy();
      sts.destroy();
      elb.destroy();
    },
  };
}
