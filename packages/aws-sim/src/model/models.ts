import { readFileSync } from 'node:fs';
import type { ServiceName } from '../log/request-log.js';
import type { ServiceModel } from './types.js';

/** Model files under packages/aws-sim/models/, named after botocore's data directories. */
export type ModelFile = 'ecs' | 'ecr' | 'sts' | 'elbv2' | 'logs' | 'cloudwatch';

/** Which model file describes each service the simulator speaks. */
export const MODEL_FILE: Readonly<Record<ServiceName, ModelFile>> = {
  ecs: 'ecs',
  ecr: 'ecr',
  sts: 'sts',
  elasticloadbalancing: 'elbv2',
  logs: 'logs',
  monitoring: 'cloudwatch',
};

const cache = new Map<ModelFile, ServiceModel>();

/** The extracted botocore model of one service (read once, then cached). */
export function loadModel(file: ModelFile): ServiceModel {
  let model = cache.get(file);
  if (!model) {
    const url = new URL(`../../models/${file}.json`, import.meta.url);
    model = JSON.parse(readFileSync(url, 'utf8')) as ServiceModel;
    cache.set(file, model);
  }
  return model;
}

/** The model of a service the simulator speaks. */
export function modelOf(service: ServiceName): ServiceModel {
  return loadModel(MODEL_FILE[service]);
}
