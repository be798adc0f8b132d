// Secrets and configs attached to a service: each a file in the task's containers (a secret under
// /run/secrets/, a config at its target path), with its owner and mode. Attaching one is as much
// as reading it: the engine request policy lets only admins and accounts granted secrets:write.
import { z } from 'zod';
import type { EngineClient } from '@/lib/docker/engine-client';
import type { ConfigReference, SecretReference, SwarmObjectKind } from '@/lib/docker/volume-secret-shapes';
import { granteeGrants } from '@/lib/auth/permissions';
import { AppError, type FieldError, ValidationError } from '@/lib/errors/app-error';

const objectName = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/, 'Name a secret or config: 1 to 64 letters, digits, dots, dashes or underscores');
const owner = (what: string) => z.string().trim().regex(/^\d{1,10}$/, `${what} is a number, e.g. 0`).default('0');

export const attachmentSchema = z.strictObject({
  name: objectName,
  /** The file: a name under /run/secrets for a secret, a path (or a name under /) for a config; default the object's name. */
  target: z
    .string()
    .trim()
    .max(4096)
    .regex(/^[^\0]*$/, 'No NUL characters')
    .refine((target) => !target.split('/').includes('..'), 'No .. in the target')
    .optional(),
  uid: owner('uid'),
  gid: owner('gid'),
  /** Octal, as chmod takes it. */
  mode: z.string().trim().regex(/^0?[0-7]{3}$/, 'Write the mode in octal, e.g. 0444').default('0444'),
});
export type AttachmentInput = z.infer<typeof attachmentSchema>;
export const attachmentsSchema = z.array(attachmentSchema).max(50);

export interface AttachmentView {
  readonly name: string;
  readonly id: string;
  readonly target: string;
  readonly uid: string;
  readonly gid: string;
  readonly mode: string;
}

export type { ConfigReference, SecretReference };

const octal = (mode: number | undefined) => `0${(mode ?? 0o444).toString(8).padStart(3, '0')}`;

export function secretViews(references: readonly SecretReference[] | undefined): AttachmentView[] {
  return (references ?? []).map((reference) => ({
    name: reference.SecretName ?? '',
    id: reference.SecretID ?? '',
    target: reference.File?.Name ?? '',
    uid: reference.File?.UID ?? '0',
    gid: reference.File?.GID ?? '0',
    mode: octal(reference.File?.Mode),
  }));
}

export function configViews(references: readonly ConfigReference[] | undefined): AttachmentView[] {
  return (references ?? []).map((reference) => ({
    name: reference.ConfigName ?? '',
    id: reference.ConfigID ?? '',
    target: reference.File?.Name ?? '',
    uid: reference.File?.UID ?? '0',
    gid: reference.File?.GID ?? '0',
    mode: octal(reference.File?.Mode),
  }));
}

/** The secrets and configs a spec mounts, as Docker's references (ids resolved from the names). */
export interface ResolvedAttachments {
  readonly secrets?: SecretReference[];
  readonly configs?: ConfigReference[];
}

function file(attachment: AttachmentInput, kind: SwarmObjectKind) {
  const fallback = kind === 'configs' ? `/${attachment.name}` : attachment.name;
  return { Name: attachment.target && attachment.target !== '' ? attachment.target : fallback, UID: attachment.uid, GID: attachment.gid, Mode: Number.parseInt(attachment.mode, 8) };
}

/** The ids of the names, on the manager; a name with no object is a 422 naming the field. */
async function idsOf(docker: AttachmentLookup, kind: SwarmObjectKind, attachments: readonly AttachmentInput[]): Promise<string[]> {
  if (attachments.length === 0) return [];
  const objects = await docker.listSwarmObjects(kind);
  const byName = new Map(objects.map((object) => [object.Spec?.Name ?? '', object.ID]));
  const problems: FieldError[] = [];
  const ids = attachments.map((attachment, index) => {
    const id = byName.get(attachment.name);
    if (!id) problems.push({ path: `${kind}.${index}.name`, message: `There is no ${kind === 'secrets' ? 'secret' : 'config'} named ${attachment.name}: create it on the Secrets page first` });
    return id ?? '';
  });
  if (problems.length > 0) throw new ValidationError(problems.map((problem) => `${problem.path}: ${problem.message}`).join('; '), problems);
  return ids;
}

/** What resolving needs of the manager's client: who it acts for, and the secrets and configs. */
export type AttachmentLookup = Pick<EngineClient, 'caller' | 'listSwarmObjects'>;

/** Docker's references for the attachments the body gives (undefined: the body leaves them as they are). */
export async function resolveAttachments(
  docker: AttachmentLookup,
  input: { secrets?: readonly AttachmentInput[] | undefined; configs?: readonly AttachmentInput[] | undefined },
): Promise<ResolvedAttachments> {
  const attaching = (input.secrets?.length ?? 0) + (input.configs?.length ?? 0) > 0;
  // Said in words before any look-up; the engine request policy refuses the same on its own.
  if (attaching && 'role' in docker.caller && !granteeGrants(docker.caller, 'secrets:write')) {
    throw new AppError('FORBIDDEN', `Only admins, or accounts an admin granted secrets:write, may attach secrets or configs to a service (its tasks read them). Your account has the ${docker.caller.role} role`);
  }
  const [secretIds, configIds] = await Promise.all([idsOf(docker, 'secrets', input.secrets ?? []), idsOf(docker, 'configs', input.configs ?? [])]);
  return {
    ...(input.secrets ? { secrets: input.secrets.map((attachment, index) => ({ SecretID: secretIds[index], SecretName: attachment.name, File: file(attachment, 'secrets') })) } : {}),
    ...(input.configs ? { configs: input.configs.map((attachment, index) => ({ ConfigID: configIds[index], ConfigName: attachment.name, File: file(attachment, 'configs') })) } : {}),
  };
}
