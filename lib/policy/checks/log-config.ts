// Log drivers that ship logs elsewhere take addresses (syslog-address=unix:///…, fluentd-address)
// that the daemon connects to as root: only the local drivers are open to a non-admin.
import type { ValueCheck } from '../field-rules';
import { refuse } from '../refusal';
import { asStringMap, oneOf } from './values';

export const LOCAL_LOG_DRIVERS: readonly string[] = ['', 'json-file', 'local', 'none', 'journald'];
const LOCAL_LOG_OPTIONS: readonly string[] = ['max-size', 'max-file', 'compress', 'labels', 'labels-regex', 'env', 'env-regex', 'tag', 'mode', 'max-buffer-size'];

export const localLogDriver: ValueCheck = oneOf(LOCAL_LOG_DRIVERS, 'drivers that ship logs elsewhere connect, as root, to an address they are given');

export const localLogOptions: ValueCheck = (value, at) => {
  const options = asStringMap(value, at);
  for (const name of Object.keys(options)) {
    if (!LOCAL_LOG_OPTIONS.includes(name)) refuse(403, `the log option ${name} is admin-only; a non-admin may set: ${LOCAL_LOG_OPTIONS.join(', ')}`, `${at.path}.${name}`);
  }
  return options;
};
