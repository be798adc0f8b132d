// ServiceSpec with TaskSpec, ContainerSpec, Resources, Placement, networks and EndpointSpec.
// A service's tasks are containers on any node: the same rules as for a container, on the fields
// swarm has. Secrets and configs are admin-only, as their endpoints are, unless an admin granted
// the caller secrets:write: a service that mounts one reads it, so attaching is as much as reading.
import { baselineCapabilities } from '../checks/capabilities';
import { localLogDriver, localLogOptions } from '../checks/log-config';
import { networkTarget } from '../checks/namespace-modes';
import { safeSysctls } from '../checks/sysctls';
import { checkUlimit } from '../checks/ulimits';
import { oneOf } from '../checks/values';
import { adminOnly, allowed, granted, listOf, mapOf, refused, struct, type FieldRule, type Fields } from '../field-rules';
import { HEALTH_CONFIG } from './container-config';
import { MOUNT } from './mount';

const SECRETS = 'secrets and configs are admin-only: a service that mounts one reads it';

/** Where a secret or config appears in the task's containers: a file (its name, owner and mode). */
const REFERENCE_FILE = struct({ Name: allowed(), UID: allowed(), GID: allowed(), Mode: allowed() });
const SECRET_REFERENCE = struct({ File: REFERENCE_FILE, SecretID: allowed(), SecretName: allowed() });
const CONFIG_REFERENCE = struct({
  File: REFERENCE_FILE,
  Runtime: refused('a config as the runtime\'s credential spec is a Windows-only setting'),
  ConfigID: allowed(),
  ConfigName: allowed(),
});

/** NetworkAttachmentConfig: TaskTemplate.Networks[] and the deprecated top-level Networks[]. */
export const NETWORK_ATTACHMENT: FieldRule = struct({
  Target: allowed(networkTarget),
  Aliases: allowed(),
  DriverOpts: adminOnly("attachment driver options are handed to the network driver, which acts on the host's interfaces"),
});

const PLATFORM = struct({ Architecture: allowed(), OS: allowed() });
const RESOURCE_OBJECT = struct({
  NanoCPUs: allowed(),
  MemoryBytes: allowed(),
  GenericResources: listOf(
    struct({
      NamedResourceSpec: struct({ Kind: allowed(), Value: allowed() }),
      DiscreteResourceSpec: struct({ Kind: allowed(), Value: allowed() }),
    }),
  ),
});

export const CONTAINER_SPEC_FIELDS: Fields = {
  Image: allowed(),
  Labels: mapOf(allowed()),
  Command: allowed(),
  Args: allowed(),
  Hostname: allowed(),
  Env: allowed(),
  Dir: allowed(),
  User: allowed(),
  Groups: allowed(),
  Privileges: struct({
    CredentialSpec: refused('a Windows-only setting; the engines Shipyard manages run Linux'),
    SELinuxContext: adminOnly('SELinux labels are a security profile override (Kubernetes baseline: SELinux)'),
    // Not in the v1.41 description; in the engine's struct from API 1.44.
    Seccomp: adminOnly('seccomp profiles are a security profile override (Kubernetes baseline: seccomp)'),
    AppArmor: adminOnly('AppArmor profiles are a security profile override (Kubernetes baseline: AppArmor)'),
    NoNewPrivileges: allowed(),
  }),
  TTY: allowed(),
  OpenStdin: allowed(),
  ReadOnly: allowed(),
  Mounts: listOf(MOUNT),
  StopSignal: allowed(),
  StopGracePeriod: allowed(),
  HealthCheck: HEALTH_CONFIG,
  Hosts: allowed(),
  DNSConfig: struct({ Nameservers: allowed(), Search: allowed(), Options: allowed() }),
  Secrets: granted('secrets:write', SECRETS, listOf(SECRET_REFERENCE)),
  Configs: granted('secrets:write', SECRETS, listOf(CONFIG_REFERENCE)),
  Isolation: allowed(oneOf(['', 'default'], 'isolation modes other than default are for Windows')),
  Init: allowed(),
  Sysctls: allowed(safeSysctls),
  CapabilityAdd: allowed(baselineCapabilities),
  CapabilityDrop: allowed(),
  Ulimits: listOf(struct({ Name: allowed(), Soft: allowed(), Hard: allowed() }, checkUlimit)),
};

export const TASK_SPEC_FIELDS: Fields = {
  PluginSpec: adminOnly('a plugin task installs a plugin, which runs with the host\'s privileges'),
  ContainerSpec: struct(CONTAINER_SPEC_FIELDS),
  NetworkAttachmentSpec: refused('swarm sets it for its own network attachment tasks'),
  Resources: struct({ Limits: struct({ NanoCPUs: allowed(), MemoryBytes: allowed(), Pids: allowed() }), Reservations: RESOURCE_OBJECT }),
  RestartPolicy: struct({
    Condition: allowed(oneOf(['none', 'on-failure', 'any'], 'restart conditions')),
    Delay: allowed(),
    MaxAttempts: allowed(),
    Window: allowed(),
  }),
  Placement: struct({
    Constraints: allowed(),
    Preferences: listOf(struct({ Spread: struct({ SpreadDescriptor: allowed() }) })),
    MaxReplicas: allowed(),
    Platforms: listOf(PLATFORM),
  }),
  ForceUpdate: allowed(),
  Runtime: allowed(oneOf(['', 'container'], 'plugin and attachment tasks are not open to a non-admin')),
  Networks: listOf(NETWORK_ATTACHMENT),
  LogDriver: struct({ Name: allowed(localLogDriver), Options: allowed(localLogOptions) }),
};

const UPDATE_FIELDS = {
  Parallelism: allowed(),
  Delay: allowed(),
  Monitor: allowed(),
  MaxFailureRatio: allowed(),
  Order: allowed(oneOf(['stop-first', 'start-first'], 'update orders')),
};

/** The body of POST /services/create and /services/{id}/update. */
export const SERVICE_SPEC_FIELDS: Fields = {
  Name: allowed(),
  Labels: mapOf(allowed()),
  TaskTemplate: struct(TASK_SPEC_FIELDS),
  Mode: struct({
    Replicated: struct({ Replicas: allowed() }),
    Global: struct({}),
    ReplicatedJob: struct({ MaxConcurrent: allowed(), TotalCompletions: allowed() }),
    GlobalJob: struct({}),
  }),
  UpdateConfig: struct({ ...UPDATE_FIELDS, FailureAction: allowed(oneOf(['continue', 'pause', 'rollback'], 'failure actions')) }),
  RollbackConfig: struct({ ...UPDATE_FIELDS, FailureAction: allowed(oneOf(['continue', 'pause'], 'failure actions')) }),
  Networks: listOf(NETWORK_ATTACHMENT),
  EndpointSpec: struct({
    Mode: allowed(oneOf(['vip', 'dnsrr'], 'endpoint modes')),
    Ports: listOf(
      struct({
        Name: allowed(),
        Protocol: allowed(oneOf(['tcp', 'udp', 'sctp'], 'protocols')),
        TargetPort: allowed(),
        PublishedPort: allowed(),
        PublishMode: allowed(oneOf(['ingress', 'host'], 'publish modes')),
      }),
    ),
  }),
};
