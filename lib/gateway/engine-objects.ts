import { z } from 'zod';
import { hostConfigSchema, type CreateHostConfig } from './body-escapes';
import { upstreamJson, type Upstream } from './upstream';

// Inspect answers, read as far as the host-escaping checks need them.
const containerSchema = z.looseObject({ HostConfig: hostConfigSchema.nullish() });
const volumeSchema = z.looseObject({ Options: z.record(z.string(), z.string()).nullish() });

/** GET of one engine object; null when the engine does not know it (it answers the call itself then). */
async function inspect<Schema extends z.ZodType>(upstream: Upstream, path: string, schema: Schema): Promise<z.infer<Schema> | null> {
  const found = await upstreamJson(upstream, path);
  if (found.status === 404) return null;
  if (found.status !== 200) throw new Error(`the engine answered ${found.status} to GET ${path}`);
  const parsed = schema.safeParse(found.body);
  if (!parsed.success) throw new Error(`the engine's answer to GET ${path} is not what Shipyard reads`);
  return parsed.data;
}

/** An existing container's HostConfig (null: no such container). */
export async function containerHostConfig(upstream: Upstream, container: string): Promise<CreateHostConfig | null> {
  const found = await inspect(upstream, `/containers/${encodeURIComponent(container)}/json`, containerSchema);
  return found ? (found.HostConfig ?? {}) : null;
}

/** An existing volume's driver options (null: no such volume yet; it would be made without options). */
export async function volumeDriverOptions(upstream: Upstream, volume: string): Promise<Record<string, string> | null> {
  const found = await inspect(upstream, `/volumes/${encodeURIComponent(volume)}`, volumeSchema);
  return found ? (found.Options ?? {}) : null;
}
