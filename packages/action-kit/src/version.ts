/**
 * The release these actions belong to, as the root package.json states it; every action reports
 * it (in the AWS user agent, for one). A test keeps the two equal: bump both together.
 */
export const ACTIONS_VERSION = '0.1.0';
