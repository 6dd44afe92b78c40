import type { Target } from '../state/model.js';

/** A target's health as DescribeTargetHealth reports it. */
export interface TargetHealth {
  State: 'initial' | 'healthy' | 'unhealthy' | 'unused' | 'draining';
  Reason?: string;
  Description?: string;
}

/**
 * A registered target's health at `now` (pure): initial/RegistrationInProgress →
 * initial/InitialHealthChecking → healthy or unhealthy (503); after deregistration, draining for
 * the deregistration delay; undefined once it is gone.
 */
export function targetHealthAt(
  target: Target,
  now: number,
  registrationSeconds: number,
  deregistrationDelaySeconds: number,
): TargetHealth | undefined {
  if (target.deregisteredAt !== undefined) {
    if (now >= target.deregisteredAt + deregistrationDelaySeconds * 1000) return undefined;
    return {
      State: 'draining',
      Reason: 'Target.DeregistrationInProgress',
      Description: 'Target deregistration is in progress',
    };
  }
  if (now < target.registeredAt + registrationSeconds * 1000) {
    return {
      State: 'initial',
      Reason: 'Elb.RegistrationInProgress',
      Description: 'Target registration is in progress',
    };
  }
  if (target.unhealthyAt !== undefined && now >= target.unhealthyAt) {
    return {
      State: 'unhealthy',
      Reason: 'Target.ResponseCodeMismatch',
      Description: 'Health checks failed with these codes: [503]',
    };
  }
  if (target.healthyAt !== undefined && now >= target.healthyAt) return { State: 'healthy' };
  return {
    State: 'initial',
    Reason: 'Elb.InitialHealthChecking',
    Description: 'Initial health checks in progress',
  };
}

/** What DescribeTargetHealth says about a target that is not registered. */
export const NOT_REGISTERED: TargetHealth = {
  State: 'unused',
  Reason: 'Target.NotRegistered',
  Description: 'Target is not registered to the target group',
};
