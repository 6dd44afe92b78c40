/** An error that the simulator answers on the wire, in the protocol of the called service. */
export class AwsError extends Error {
  constructor(
    /** The error code (`__type` for JSON services, `Error/Code` for query services). */
    readonly code: string,
    message: string,
    /** HTTP status; AWS uses 400 for client faults and 500 for `ServerException`. */
    readonly status = 400,
  ) {
    super(message);
    this.name = 'AwsError';
  }
}

/** A fault that drops the connection instead of answering (connection reset). */
export class ConnectionReset extends Error {
  constructor() {
    super('connection reset by fault injection');
    this.name = 'ConnectionReset';
  }
}

/** A seed file or scenario string that cannot be used. */
export class SimConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimConfigError';
  }
}
