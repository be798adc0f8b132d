// The classification tables by the definition of the API description they cover, for the
// counts and for the unit test that checks every property of those definitions has a class.
import { CONTAINER_UPDATE_FIELDS } from './decode-body';
import type { Fields } from './field-rules';
import { CONTAINER_CONFIG_FIELDS } from './fields/container-config';
import { NETWORKING_CONFIG_FIELDS } from './fields/endpoint-settings';
import { EXEC_CREATE_FIELDS, EXEC_START_FIELDS } from './fields/exec';
import { HOST_CONFIG_FIELDS } from './fields/host-config';
import { NETWORK_CONNECT_FIELDS, NETWORK_DISCONNECT_FIELDS } from './fields/network-connect';
import { NETWORK_CREATE_FIELDS } from './fields/network-create';
import { CONFIG_SPEC_FIELDS, SECRET_SPEC_FIELDS } from './fields/secret-spec';
import { SERVICE_SPEC_FIELDS } from './fields/service-spec';
import { VOLUME_CREATE_FIELDS } from './fields/volume-create';

/** Each request body a non-admin may send, by name: ContainerCreate is Config + HostConfig + NetworkingConfig. */
export const BODY_TABLES: Readonly<Record<string, Fields>> = {
  ContainerConfig: CONTAINER_CONFIG_FIELDS,
  HostConfig: HOST_CONFIG_FIELDS,
  NetworkingConfig: NETWORKING_CONFIG_FIELDS,
  ContainerUpdate: CONTAINER_UPDATE_FIELDS,
  ExecConfig: EXEC_CREATE_FIELDS,
  ExecStartConfig: EXEC_START_FIELDS,
  NetworkCreateRequest: NETWORK_CREATE_FIELDS,
  NetworkConnectRequest: NETWORK_CONNECT_FIELDS,
  NetworkDisconnectRequest: NETWORK_DISCONNECT_FIELDS,
  VolumeCreateOptions: VOLUME_CREATE_FIELDS,
  ServiceSpec: SERVICE_SPEC_FIELDS,
  SecretSpec: SECRET_SPEC_FIELDS,
  ConfigSpec: CONFIG_SPEC_FIELDS,
};
