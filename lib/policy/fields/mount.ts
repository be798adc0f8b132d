import { checkMount, localVolumeDriver } from '../checks/mounts';
import { oneOf } from '../checks/values';
import { adminOnly, allowed, mapOf, struct, type FieldRule } from '../field-rules';

/** Mount (HostConfig.Mounts[], TaskTemplate.ContainerSpec.Mounts[]). */
export const MOUNT: FieldRule = struct(
  {
    Target: allowed(),
    Source: allowed(),
    Type: allowed(oneOf(['volume', 'tmpfs'], 'bind and npipe mounts give a host path, which only an admin may mount (Kubernetes baseline: hostPath volumes)')),
    ReadOnly: allowed(),
    Consistency: allowed(),
    BindOptions: adminOnly('bind options are for bind mounts of host paths'),
    VolumeOptions: struct({
      NoCopy: allowed(),
      Labels: mapOf(allowed()),
      DriverConfig: struct({
        Name: allowed(localVolumeDriver),
        Options: adminOnly('volume driver options can mount any host path (type=none,o=bind,device=/)'),
      }),
    }),
    TmpfsOptions: struct({ SizeBytes: allowed(), Mode: allowed() }),
  },
  checkMount,
);
