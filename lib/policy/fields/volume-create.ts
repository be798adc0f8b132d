import { localVolumeDriver } from '../checks/mounts';
import { adminOnly, allowed, mapOf, type Fields } from '../field-rules';

/** VolumeCreateOptions, the body of POST /volumes/create. */
export const VOLUME_CREATE_FIELDS: Fields = {
  Name: allowed(),
  Driver: allowed(localVolumeDriver),
  DriverOpts: adminOnly('local driver options mount any host path (type=none,o=bind,device=/)'),
  Labels: mapOf(allowed()),
};
