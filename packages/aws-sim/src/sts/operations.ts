import type { Handler } from '../state/context.js';

/** The STS operations the simulator implements (awsQuery, version 2011-06-15). */
export const STS_OPERATIONS: Readonly<Record<string, Handler>> = {
  GetCallerIdentity: (_input, ctx) => ({
    UserId: ctx.world.identity.userId,
    Account: ctx.world.account,
    Arn: ctx.world.identity.arn,
  }),
};
