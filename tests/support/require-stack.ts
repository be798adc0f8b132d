// Integration tests run against the real stack (scripts/stack up). Fail fast, with the fix,
// when its environment is missing instead of timing out against nothing.
const required = ['SHIPYARD_DOCKER', 'SHIPYARD_DATABASE', 'SHIPYARD_ETCD'] as const;
const missing = required.filter((name) => !process.env[name]);
if (missing.length > 0) {
  throw new Error(
    `integration tests need the real stack: missing ${missing.join(', ')}. ` +
      'Run `scripts/stack up` and `source .state/env`, or run `npm test`.',
  );
}
export {};
