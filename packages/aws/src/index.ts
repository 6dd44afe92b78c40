export { awsSettingsFrom, clientConfig, type AwsSettings } from './config.js';
export { sdkEcrApi, type EcrApi } from './ecr.js';
export { describeTaskDefinitionDocument, sdkEcsApi, type EcsApi } from './ecs.js';
export { sdkElbApi, type ElbApi } from './elb.js';
export { AwsError, call, classifyAwsError, type AwsErrorKind } from './errors.js';
export { sdkStsApi, type StsApi } from './sts.js';
