import { allowed, listOf, mapOf, struct, type Fields } from '../field-rules';

/** HealthConfig: the command runs inside the container. */
export const HEALTH_CONFIG = struct({ Test: allowed(), Interval: allowed(), Timeout: allowed(), Retries: allowed(), StartPeriod: allowed() });

/** ContainerConfig: what runs inside the container; nothing in it reaches the host. */
export const CONTAINER_CONFIG_FIELDS: Fields = {
  Hostname: allowed(),
  Domainname: allowed(),
  User: allowed(),
  AttachStdin: allowed(),
  AttachStdout: allowed(),
  AttachStderr: allowed(),
  ExposedPorts: mapOf(allowed()),
  Tty: allowed(),
  OpenStdin: allowed(),
  StdinOnce: allowed(),
  Env: allowed(),
  Cmd: allowed(),
  Healthcheck: HEALTH_CONFIG,
  ArgsEscaped: allowed(),
  Image: allowed(),
  Volumes: mapOf(allowed()),
  WorkingDir: allowed(),
  Entrypoint: allowed(),
  NetworkDisabled: allowed(),
  MacAddress: allowed(),
  OnBuild: listOf(allowed()),
  Labels: mapOf(allowed()),
  StopSignal: allowed(),
  StopTimeout: allowed(),
  Shell: allowed(),
};
