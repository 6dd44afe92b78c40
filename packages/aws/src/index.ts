export { awslogsTarget, logConsoleUrl, logStreamName, type AwslogsTarget } from './awslogs.js';
export { MAX_ALARM_NAMES, sdkCloudWatchApi, type CloudWatchApi } from './cloudwatch.js';
export { awsSettingsFrom, clientConfig, type AwsSettings } from './config.js';
export { sdkEcrApi, type EcrApi } from './ecr.js';
export { describeTaskDefinitionDocument, sdkEcsApi, type EcsApi } from './ecs.js';
export { sdkElbApi, type ElbApi } from './elb.js';
export { sdkLogsApi, type LogsApi } from './logs.js';
export { AwsError, call, classifyAwsError, explainedCall, type AwsErrorKind } from './errors.js';
export {
  ACCESS_DENIED_CODES,
  explainFailure,
  type Explanation,
  type FailedCall,
  type InputMap,
} from './explain.js';
export { AwsExplainer, awsExplainer, type AccountLookup } from './explainer.js';
export { sdkStsApi, type StsApi } from './sts.js';
