import { asString } from '../checks/values';
import { allowed, type Fields, type ValueCheck } from '../field-rules';
import { mustResolve } from '../references';
import { ENDPOINT_SETTINGS } from './endpoint-settings';

/** The container of a connect or disconnect: resolved and forwarded by id. */
const connectedContainer: ValueCheck = (value, at) => {
  const ref = asString(value, at);
  at.context.references.push(async (resolver) => at.replace((await mustResolve(resolver, 'container', ref, at.path)).id));
  return ref;
};

/** The body of POST /networks/{id}/connect. */
export const NETWORK_CONNECT_FIELDS: Fields = { Container: allowed(connectedContainer), EndpointConfig: ENDPOINT_SETTINGS };

/** The body of POST /networks/{id}/disconnect. */
export const NETWORK_DISCONNECT_FIELDS: Fields = { Container: allowed(connectedContainer), Force: allowed() };
