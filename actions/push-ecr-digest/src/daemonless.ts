import { ActionError, type Logger } from '@ecs-deploy/action-kit';
import type { EcrApi } from '@ecs-deploy/aws';
import {
  NodeHttpTransport,
  RegistryClient,
  RegistryHttpError,
  openImage,
  pushImage,
  type HttpTransport,
  type ImageSource,
} from '@ecs-deploy/oci';

/** Registry credentials from ECR, masked the moment they are known. */
export interface RegistryLogin {
  /** `https://<host>` (or `http://127.0.0.1:…` against the simulator). */
  readonly endpoint: string;
  readonly username: string;
  readonly password: string;
}

/** Gets a registry login from ECR and registers the password and token as secrets. */
export async function registryLogin(ecr: EcrApi, log: Logger): Promise<RegistryLogin> {
  // One token serves every registry the principal may use (registryIds is deprecated).
  const answer = await ecr.getAuthorizationToken({});
  const data = answer.authorizationData?.[0];
  const token = data?.authorizationToken ?? '';
  log.setSecret(token);
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (data?.proxyEndpoint === undefined || colon <= 0)
    throw new ActionError('ECR GetAuthorizationToken returned no usable token.');
  const password = decoded.slice(colon + 1);
  log.setSecret(password);
  return { endpoint: data.proxyEndpoint, username: decoded.slice(0, colon), password };
}

/** Opens an OCI layout directory or an OCI/docker archive for pushing. */
export async function openLocalImage(path: string, input: string): Promise<ImageSource> {
  try {
    return await openImage(path);
  } catch (error) {
    throw new ActionError(
      `Input '${input}' ("${path}") could not be read as an image: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * A transport that refuses to start another request once the runner has cancelled the step, so a
 * cancelled push stops between requests instead of uploading, tagging and verifying regardless.
 */
function cancellable(inner: HttpTransport, signal: AbortSignal | undefined): HttpTransport {
  return {
    request: (req) => {
      if (signal?.aborted === true) {
        return Promise.reject(
          new ActionError(
            "Stopped on the runner's cancel while pushing: the image is incomplete in the registry and no tag points at it.",
          ),
        );
      }
      return inner.request(req);
    },
  };
}

/** The registry's refusal of ECR's credentials, explained. */
function refusedError(
  error: RegistryHttpError,
  login: RegistryLogin,
  repository: string,
): ActionError {
  return new ActionError(
    `The registry ${login.endpoint} refused the credentials from ECR's GetAuthorizationToken when pushing to '${repository}' (${error.message}).`,
    'Check that the repository is in the registry of these credentials (registry-id / account and region), that the role may push to it (ecr:BatchCheckLayerAvailability, ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload, ecr:PutImage), and that no repository policy denies it.',
  );
}

/** Pushes the image over the registry API: blobs the registry has are skipped, then manifests and tags. */
export async function pushOverApi(
  source: ImageSource,
  login: RegistryLogin,
  repository: string,
  tags: readonly string[],
  log: Logger,
  signal?: AbortSignal,
): Promise<string> {
  const client = new RegistryClient({
    registry: login.endpoint,
    credentials: { username: login.username, password: login.password },
    transport: cancellable(new NodeHttpTransport(), signal),
  });
  const started = Date.now();
  try {
    const result = await pushImage(client, source, { repository, tags });
    const { uploaded, exists, mounted } = result.blobs;
    log.info(
      `pushed ${result.digest} (${uploaded.length} blob(s) uploaded, ${exists.length} already present, ${mounted.length} mounted) in ${Date.now() - started} ms`,
    );
    return result.digest;
  } catch (error) {
    if (error instanceof RegistryHttpError && (error.status === 401 || error.status === 403))
      throw refusedError(error, login, repository);
    throw error;
  }
}
