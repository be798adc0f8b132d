// How a stack names and labels what it makes, as `docker stack deploy` does: <stack>_<name>, and
// the label com.docker.stack.namespace=<stack> on services, containers, networks and volumes.
import { z } from 'zod';

export const STACK_NAMESPACE_LABEL = 'com.docker.stack.namespace';
export const STACK_IMAGE_LABEL = 'com.docker.stack.image';

/** As the CLI's validation: Docker object names are built from it, so no dots, slashes or spaces. */
export const stackNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'A stack name is 1 to 63 lowercase letters, digits, "_" or "-", starting with a letter or digit');

export interface StackNames {
  readonly stack: string;
  scoped(name: string): string;
  labelled(labels: Readonly<Record<string, string>>): Record<string, string>;
}

export function stackNames(stack: string): StackNames {
  return {
    stack,
    scoped: (name) => `${stack}_${name}`,
    labelled: (labels) => ({ ...labels, [STACK_NAMESPACE_LABEL]: stack }),
  };
}
