// The secrets and configs the service form offers: only to a caller who may attach them
// (secrets:write: attaching is as much as reading), else none (the form hides the section).
import { granteeGrants, type Grantee } from '@/lib/auth/permissions';
import type { EngineClient } from '@/lib/docker/engine-client';

export interface AttachmentChoices {
  readonly secrets: readonly string[];
  readonly configs: readonly string[];
}

export async function attachmentChoices(docker: EngineClient, who: Grantee): Promise<AttachmentChoices | null> {
  if (!granteeGrants(who, 'secrets:write')) return null;
  const [secrets, configs] = await Promise.all([docker.listSwarmObjects('secrets'), docker.listSwarmObjects('configs')]);
  const names = (objects: typeof secrets) => objects.map((object) => object.Spec?.Name ?? object.ID).sort((a, b) => a.localeCompare(b));
  return { secrets: names(secrets), configs: names(configs) };
}
