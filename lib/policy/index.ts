// The default-deny policy for Docker Engine API requests (issue 12). Callers: the Docker API
// gateway (raw HTTP) and the console's Docker client boundary (dockerode's modem.dial).
export { evaluateEngineRequest } from './evaluate';
export { mayUpgrade } from './may-upgrade';
export { resolveApiVersion, MIN_API_MINOR, MAX_API_MINOR, PINNED_DEFAULT_VERSION, type ResolvedVersion } from './api-version';
export { foldKey, repeatedJsonKey, readJsonBody } from './go-json';
export { decodeContainerCreate } from './container-create-body';
export { containerEscapes, volumeEscapes } from './container-escapes';
export { createEngineResolver, bridgeNamesOf, type EngineGet } from './engine-resolver';
export { bridgeNameProblem } from './checks/network-options';
export { BASELINE_CAPABILITIES } from './checks/capabilities';
export { SAFE_SYSCTLS } from './checks/sysctls';
export { ENGINE_ROUTES, type EngineRoute, type BodyKind, type RouteAccess } from './routes';
export { matchRoute } from './match-route';
export { BODY_TABLES } from './body-tables';
export { classificationCounts, type ClassificationCounts } from './classification-counts';
export type { Caller, EngineRequest, PolicyDecision, PolicyRefusal, RewrittenRequest, RefusalStatus } from './types';
export type {
  PolicyResolver,
  ReferenceKind,
  ResolvedContainer,
  ResolvedExec,
  ResolvedNetwork,
  ResolvedObject,
  ResolvedReferences,
  ResolvedVolume,
  InspectedMount,
} from './resolver';
