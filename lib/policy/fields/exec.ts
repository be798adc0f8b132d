import { adminOnly, allowed, type Fields } from '../field-rules';

/** ExecConfig, the body of POST /containers/{id}/exec. */
export const EXEC_CREATE_FIELDS: Fields = {
  AttachStdin: allowed(),
  AttachStdout: allowed(),
  AttachStderr: allowed(),
  DetachKeys: allowed(),
  Tty: allowed(),
  Env: allowed(),
  Cmd: allowed(),
  Privileged: adminOnly('a privileged exec has every capability and device of the host'),
  User: allowed(),
  WorkingDir: allowed(),
  // Not in the v1.41 description; the engine's struct has them (docker exec -d sends Detach).
  Detach: allowed(),
  ConsoleSize: allowed(),
};

/** ExecStartConfig, the body of POST /exec/{id}/start. */
export const EXEC_START_FIELDS: Fields = {
  Detach: allowed(),
  Tty: allowed(),
  ConsoleSize: allowed(),
};
