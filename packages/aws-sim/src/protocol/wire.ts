/**
 * The wire protocol of one request. A service may speak several: CloudWatch (`monitoring`) is
 * answered in awsJson1_0 (the SDK v3 client and botocore) and in rpc-v2-cbor (botocore when its
 * model lists only that protocol), each answer in the protocol of its request.
 */
export type WireProtocol = 'awsJson1_1' | 'awsJson1_0' | 'awsQuery' | 'rpcv2Cbor';
