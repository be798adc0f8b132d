import type { ValueCheck } from '../field-rules';
import { refuse } from '../refusal';
import { asStringList } from './values';

/**
 * SecurityOpt: seccomp, AppArmor, SELinux labels and systempaths overrides are admin-only
 * (Kubernetes baseline forbids changing them); only no-new-privileges, which narrows what the
 * container may do, is open to a non-admin.
 */
export const narrowingSecurityOptions: ValueCheck = (value, at) =>
  asStringList(value, at).map((option, index) => {
    if (!/^no-new-privileges([:=](true|1))?$/i.test(option.trim())) {
      refuse(403, `the security option "${option}" is admin-only (only no-new-privileges is open to a non-admin)`, `${at.path}[${index}]`);
    }
    return 'no-new-privileges';
  });
