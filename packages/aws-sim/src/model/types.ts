/**
 * The structural API model extracted from botocore by scripts/extract-aws-models.py
 * (packages/aws-sim/models/<service>.json): shapes with their validation traits, no documentation.
 */

/** A reference from a structure member, list member or map key/value to its target shape. */
export interface ShapeRef {
  shape: string;
  /** Wire name (awsQuery/XML) when it differs from the member name. */
  locationName?: string;
  flattened?: boolean;
}

/** Shape types of the botocore model. */
export type ShapeType =
  | 'structure'
  | 'list'
  | 'map'
  | 'string'
  | 'integer'
  | 'long'
  | 'float'
  | 'double'
  | 'boolean'
  | 'timestamp'
  | 'blob';

/** One shape with the traits the validator reads. */
export interface Shape {
  type: ShapeType;
  members?: Record<string, ShapeRef>;
  required?: string[];
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  enum?: string[];
  /** Length of strings, blobs, lists and maps; value of numbers. */
  min?: number;
  max?: number;
  pattern?: string;
  /** A document type: any JSON value. */
  document?: boolean;
  /** Exactly one member is set. */
  union?: boolean;
  exception?: boolean;
  fault?: boolean;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
}

/** One operation: its input and output shapes and the errors it declares. */
export interface OperationModel {
  input?: { shape: string };
  output?: { shape: string; resultWrapper?: string };
  errors: string[];
}

/** A service's extracted model file. */
export interface ServiceModel {
  header: { botocoreVersion: string; source: string; generatedBy: string };
  metadata: {
    protocol: string;
    apiVersion: string;
    targetPrefix?: string;
    jsonVersion?: string;
    signingName?: string;
    endpointPrefix?: string;
    xmlNamespace?: string;
  };
  /** Every operation of the service, implemented or not. */
  allOperations: string[];
  /** The operations the simulator implements. */
  operations: Record<string, OperationModel>;
  shapes: Record<string, Shape>;
}
