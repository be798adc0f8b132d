import { z } from 'zod';
import { hostConfigSchema, type CreateHostConfig } from './body-escapes';
import { upstreamJson, type Upstream } from './upstream';

// Inspect answers, read as far as the checks need them.
const containerSchema = z.looseObject({ Id: z.string(), Name: z.string().optional(), HostConfig: hostConfigSchema.nullish() });
const volumeSchema = z.looseObject({ Options: z.record(z.string(), z.string()).nullish() });
const execSchema = z.looseObject({ ID: z.string(), ContainerID: z.string(), ProcessConfig: z.looseObject({ privileged: z.boolean().optional() }).nullish() });
const networkSchema = z.looseObject({ Id: z.string(), Name: z.string(), Driver: z.string().optional(), Scope: z.string().optional() });

export interface ContainerFacts {
  /** The full id: what the gateway forwards instead of the name or prefix it was given. */
  id: string;
  hostConfig: CreateHostConfig;
}
export interface ExecFacts {
  id: string;
  /** The full id of the container the exec runs in. */
  containerId: string;
  privileged: boolean;
}
export interface NetworkFacts {
  id: string;
  name: string;
  driver: string;
}

/**
 * The engine's objects, looked up by the reference a caller sent (a name, a short or a full id),
 * as the engine resolves it, for the gateway's own checks (their messages); the policy resolves
 * and pins what it forwards itself (policy-resolver.ts). Null: the engine does not know it.
 */
export interface EngineLookups {
  container(reference: string): Promise<ContainerFacts | null>;
  exec(reference: string): Promise<ExecFacts | null>;
  /** `scope: 'swarm'` looks among swarm networks only, as a service's network target is read. */
  network(reference: string, scope?: 'swarm'): Promise<NetworkFacts | null>;
  /** A volume's driver options (volumes have no id but their name, and are never renamed). */
  volumeOptions(name: string): Promise<Record<string, string> | null>;
}

/** GET of one engine object; null when the engine does not know it. */
async function inspect<Schema extends z.ZodType>(upstream: Upstream, path: string, schema: Schema): Promise<z.infer<Schema> | null> {
  const found = await upstreamJson(upstream, `/v1.41${path}`);
  if (found.status === 404) return null;
  if (found.status !== 200) throw new Error(`the engine answered ${found.status} to GET ${path}`);
  const parsed = schema.safeParse(found.body);
  if (!parsed.success) throw new Error(`the engine's answer to GET ${path} is not what Shipyard reads`);
  return parsed.data;
}

const segment = (reference: string) => encodeURIComponent(reference);

export function createEngineLookups(upstream: Upstream): EngineLookups {
  return {
    async container(reference) {
      if (reference === '') return null;
      const found = await inspect(upstream, `/containers/${segment(reference)}/json`, containerSchema);
      return found ? { id: found.Id, hostConfig: found.HostConfig ?? {} } : null;
    },
    async exec(reference) {
      if (reference === '') return null;
      const found = await inspect(upstream, `/exec/${segment(reference)}/json`, execSchema);
      return found ? { id: found.ID, containerId: found.ContainerID, privileged: found.ProcessConfig?.privileged === true } : null;
    },
    async network(reference, scope) {
      if (reference === '') return null;
      const found = await inspect(upstream, `/networks/${segment(reference)}${scope ? `?scope=${scope}` : ''}`, networkSchema);
      return found ? { id: found.Id, name: found.Name, driver: found.Driver ?? '' } : null;
    },
    async volumeOptions(name) {
      const found = await inspect(upstream, `/volumes/${segment(name)}`, volumeSchema);
      return found ? (found.Options ?? {}) : null;
    },
  };
}
