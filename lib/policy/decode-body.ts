// The body of each kind of request, decoded and checked for a non-admin.
import { decodeContainerCreate } from './container-create-body';
import { decodeStruct } from './decode-fields';
import { isZeroValue, type DecodeContext } from './field-rules';
import { CONTAINER_CONFIG_FIELDS } from './fields/container-config';
import { EXEC_CREATE_FIELDS, EXEC_START_FIELDS } from './fields/exec';
import { RESOURCES_FIELDS, RESTART_POLICY } from './fields/host-config';
import { NETWORK_CONNECT_FIELDS, NETWORK_DISCONNECT_FIELDS } from './fields/network-connect';
import { NETWORK_CREATE_FIELDS } from './fields/network-create';
import { CONFIG_SPEC_FIELDS, SECRET_SPEC_FIELDS } from './fields/secret-spec';
import { SERVICE_SPEC_FIELDS } from './fields/service-spec';
import { VOLUME_CREATE_FIELDS } from './fields/volume-create';
import type { Fields } from './field-rules';
import { refuse } from './refusal';
import type { BodyKind } from './routes';

/** The body of POST /containers/{id}/update (UpdateConfig: Resources and RestartPolicy). */
export const CONTAINER_UPDATE_FIELDS: Fields = { ...RESOURCES_FIELDS, RestartPolicy: RESTART_POLICY };

const STRUCT_BODIES: Readonly<Record<Exclude<BodyKind, 'none' | 'empty' | 'opaque' | 'container-create'>, Fields>> = {
  'container-update': CONTAINER_UPDATE_FIELDS,
  'container-config': CONTAINER_CONFIG_FIELDS,
  'exec-create': EXEC_CREATE_FIELDS,
  'exec-start': EXEC_START_FIELDS,
  'network-create': NETWORK_CREATE_FIELDS,
  'network-connect': NETWORK_CONNECT_FIELDS,
  'network-disconnect': NETWORK_DISCONNECT_FIELDS,
  'volume-create': VOLUME_CREATE_FIELDS,
  'service-spec': SERVICE_SPEC_FIELDS,
  'secret-spec': SECRET_SPEC_FIELDS,
  'config-spec': CONFIG_SPEC_FIELDS,
};

/** The JSON body to forward (undefined: none). `body` is the body as the engine will decode it. */
export function decodeBody(kind: Exclude<BodyKind, 'opaque'>, body: unknown, context: DecodeContext): unknown {
  if (kind === 'none') return undefined; // the engine reads none: none is forwarded
  if (kind === 'empty') {
    if (!isZeroValue(body)) refuse(403, 'a start takes no body (before API 1.24 a start body set host settings): send none', 'body');
    return undefined;
  }
  if (kind === 'container-create') return decodeContainerCreate(body, context);
  return decodeStruct(body, STRUCT_BODIES[kind], '', context);
}
