import { asEngineError, type EngineClient } from '@/lib/docker/engine-client';
import { userCaller } from '@/lib/docker/engine-request';
import type { ContainerCreateOptions } from '@/lib/docker/engine-shapes';
import { AppError, ValidationError, type FieldError } from '@/lib/errors/app-error';
import { audited } from '@/lib/audit/audited';
import { toContainerDetail, type ContainerDetail } from './container-summary';
import type { Actor, ContainerContext } from '@/lib/engines/context';
import { cpusetProblem, cpusProblem } from './cpuset';
import { dockerFieldError } from './docker-field-errors';
import type { CreateContainerInput } from './container-schema';
import type { Engine } from '@/lib/engines/engines';
import { newStickyMac } from '@/lib/ipam/sticky-mac';
import { assertMayUseHostOptions, hostEscapingFields, volumeDriverEscapes } from '@/lib/policy/host-escaping';
import { chooseHost, type ChosenHost, type HostRequest } from '@/lib/placement/choose-host';
import { roleGrants } from '@/lib/auth/permissions';
import { pullImage } from '@/lib/images/pull-image';
import { registryForImage } from '@/lib/registries/registry-host';
import { listRegistries } from '@/prisma-free-db';
import { extractPlacementRules } from '@/lib/placement/placement-rules';
import { bindClaim, claimSharedCores, releaseClaim } from '@/lib/placement/core-claims';
import { parseCpuset } from './cpuset';
import { randomUUID } from 'node:crypto';

/** Docker's networks where a container cannot have an address of its choosing. */
const BUILTIN_NETWORKS = new Set(['bridge', 'host', 'none', 'default']);

/** The checks zod cannot make: they need the target host (its cores) and the chosen network. */
export function hostFieldProblems(input: Pick<CreateContainerInput, 'cpus' | 'cpuset'>, engine: Engine): FieldError[] {
  const problems: FieldError[] = [];
  const { host, cpus } = engine.identity;
  if (input.cpus !== undefined) {
    const problem = cpusProblem(input.cpus, cpus, host);
    if (problem) problems.push({ path: 'cpus', message: problem });
  }
  if (input.cpuset !== undefined) {
    const problem = cpusetProblem(input.cpuset, cpus, host);
    if (problem) problems.push({ path: 'cpuset', message: problem });
  }
  return problems;
}

function device(spec: string): { PathOnHost: string; PathInContainer: string; CgroupPermissions: string } {
  const [onHost = spec, inContainer = onHost, permissions = 'rwm'] = spec.split(':');
  return { PathOnHost: onHost, PathInContainer: inContainer, CgroupPermissions: permissions };
}

/** Whether a container in this network mode gets an endpoint of its own (and so may have a MAC). */
function hasOwnEndpoint(networkMode: string): boolean {
  return networkMode !== 'host' && networkMode !== 'none' && !networkMode.startsWith('container:');
}

/** The Docker create body for a validated input. */
export function toCreateOptions(input: CreateContainerInput, network: string | null): ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostPort: string; HostIp?: string }[]> = {};
  for (const port of input.ports ?? []) {
    const key = `${port.containerPort}/${port.protocol}`;
    exposed[key] = {};
    if (port.hostPort !== undefined || port.hostIp !== undefined) {
      (bindings[key] ??= []).push({ HostPort: port.hostPort === undefined ? '' : String(port.hostPort), ...(port.hostIp ? { HostIp: port.hostIp } : {}) });
    }
  }
  return {
    ...(input.name ? { name: input.name } : {}),
    Image: input.image,
    ...(input.command?.length ? { Cmd: input.command } : {}),
    Env: input.env ?? [],
    Labels: input.labels ?? {},
    ExposedPorts: exposed,
    // A MAC of its own, so the IPAM sidecar gives the container its address back after a stop;
    // only on a network of its own (host, none and container:<x> have no endpoint; the engine refuses a MAC there).
    ...(network && hasOwnEndpoint(network) ? { MacAddress: newStickyMac() } : {}),
    HostConfig: {
      ...(input.cpus !== undefined ? { NanoCpus: Math.round(input.cpus * 1e9) } : {}),
      ...(input.cpuset !== undefined ? { CpusetCpus: input.cpuset } : {}),
      ...(input.memoryMb !== undefined ? { Memory: input.memoryMb * 1024 * 1024 } : {}),
      RestartPolicy: { Name: input.restartPolicy, ...(input.restartPolicy === 'on-failure' ? { MaximumRetryCount: input.maxRetries ?? 0 } : {}) },
      PortBindings: bindings,
      Mounts: (input.volumes ?? []).map((volume) => ({
        Type: volume.source.startsWith('/') ? ('bind' as const) : ('volume' as const),
        Source: volume.source,
        Target: volume.target,
        ReadOnly: volume.readOnly,
      })),
      ...(network ? { NetworkMode: network } : {}),
      Privileged: input.privileged,
      ...(input.hostPid ? { PidMode: 'host' } : {}),
      ...(input.hostIpc ? { IpcMode: 'host' } : {}),
      ...(input.devices?.length ? { Devices: input.devices.map(device) } : {}),
      ...(input.capAdd?.length ? { CapAdd: input.capAdd } : {}),
      ...(input.securityOpt?.length ? { SecurityOpt: input.securityOpt } : {}),
    },
    ...(network && input.ipv4Address ? { NetworkingConfig: { EndpointsConfig: { [network]: { IPAMConfig: { IPv4Address: input.ipv4Address } } } } } : {}),
  };
}

/** Docker's "not found" and "conflict" on create, told as the field to fix. */
function createError(error: unknown, engine: Engine, input: CreateContainerInput, network: string | null): AppError {
  const translated = asEngineError(error);
  const detail = translated.message.replace(/^Docker: /, '');
  if (translated.code === 'NOT_FOUND' && /image/i.test(detail)) {
    return new ValidationError(`image: ${detail}`, [{ path: 'image', message: `${input.image} is not on ${engine.identity.host}: pull it there first (${detail})` }]);
  }
  if (translated.code === 'NOT_FOUND' && /network/i.test(detail)) {
    return new ValidationError(`network: ${detail}`, [{ path: 'network', message: `There is no network ${network} on ${engine.identity.host}` }]);
  }
  const field = dockerFieldError(detail, { host: engine.identity.host, network, ipv4Address: input.ipv4Address });
  if (field) return new ValidationError(`${field.path}: ${field.message}`, [field]);
  if (translated.code === 'CONFLICT' && input.name) {
    return new AppError('CONFLICT', `The name ${input.name} is already in use on ${engine.identity.host}`, {
      fields: [{ path: 'name', message: `The name ${input.name} is already in use on ${engine.identity.host}` }],
    });
  }
  return translated;
}

/**
 * The named volumes of the request that exist on the engine with driver options (an admin's
 * `volume create -o o=bind,device=/…`): mounting one gives a host path as a bind mount does, so
 * it is admin-only too. A volume not there yet is made without options.
 */
async function escapingVolumeFields(client: EngineClient, input: CreateContainerInput): Promise<string[]> {
  const fields: string[] = [];
  for (const [index, volume] of (input.volumes ?? []).entries()) {
    if (volume.source.startsWith('/')) continue; // a host path: refused as such
    const found = await client.inspectVolume(volume.source);
    if (volumeDriverEscapes(found?.Options)) fields.push(`volumes.${index}.source`);
  }
  return fields;
}

/** The fields placement adds that zod cannot check alone, and the rules' own mistakes. */
function placementFieldProblems(context: ContainerContext, input: CreateContainerInput): FieldError[] {
  const problems: FieldError[] = [];
  if (input.cores !== undefined) {
    if (input.cpuset !== undefined) problems.push({ path: 'cores', message: 'Ask for cores (the console picks them) or give a cpuset, not both' });
    if (input.cpus !== undefined) problems.push({ path: 'cores', message: 'Whole cores of its own already bound the container: leave cpus out' });
    if (!context.placement) problems.push({ path: 'cores', message: 'Exclusive cores are claimed in etcd, which this console has no access to' });
  }
  return problems;
}

/** A cpuset named by the caller shares its cores, never with a container that holds them alone (409). */
async function shareCpuset(context: ContainerContext, host: string, cpuset: string, name: string): Promise<string | null> {
  const store = context.placement?.store;
  const cores = parseCpuset(cpuset);
  if (!store || typeof cores === 'string') return null;
  const claim = randomUUID();
  const outcome = await claimSharedCores(store, host, cores, { claim, container: null, name, at: new Date().toISOString() });
  if (outcome.kind === 'claimed') return claim;
  const message = `Core ${outcome.core} of ${host} is held exclusively by ${outcome.holder.name}: choose other cores, or ask for cores: N and let the console pick`;
  throw new AppError('CONFLICT', message, { fields: [{ path: 'cpuset', message }] });
}

/**
 * The host for the container, with the image on it: a host chosen without it (the caller may
 * pull) pulls it first, with the saved registry login for the image's registry if there is one;
 * one that cannot is dropped with its reason (and its cores freed), and the container placed
 * again among the others.
 */
async function chooseAndPull(context: ContainerContext, actor: Actor, request: HostRequest): Promise<ChosenHost> {
  const store = context.placement?.store;
  const skipped = new Map<string, string>();
  for (;;) {
    const chosen = await chooseHost(context, { ...request, skipped });
    if (!chosen.pull) return chosen;
    const host = chosen.engine.identity.host;
    // With the saved registry's login when one matches the image's registry host (lib/registries).
    const saved = registryForImage(await listRegistries(actor.database).catch(() => []), request.image);
    const failure = await pullImage(context, actor, { image: request.image, host, ...(saved ? { registryId: saved.id } : {}) }, () => undefined).then(
      () => null,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    if (failure === null) return chosen;
    if (chosen.claim && store) await releaseClaim(store, host, chosen.claim).catch(() => undefined);
    skipped.set(host, `cannot pull ${request.image}: ${failure}`);
  }
}

/**
 * Creates (and by default starts) a container. Without a host (or with cores, constraints or
 * affinities) the placement step chooses the host and claims the cores first (lib/placement).
 * A container that cannot start, e.g. because the IPAM plugin refuses its fixed address, is
 * removed again (and its cores freed) so the same request can be retried.
 */
export async function createContainer(context: ContainerContext, actor: Actor, input: CreateContainerInput): Promise<ContainerDetail> {
  assertMayUseHostOptions(actor.role, hostEscapingFields(input));
  const extracted = extractPlacementRules(input.env ?? [], input.labels ?? {});
  const early = [...extracted.problems, ...placementFieldProblems(context, input)];
  if (early.length > 0) throw new ValidationError(early.map((problem) => `${problem.path}: ${problem.message}`).join('; '), early);
  const network = input.network ?? context.flatNetwork;
  const store = context.placement?.store;
  const chosen = await chooseAndPull(context, actor, { ...input, network, rules: extracted.rules, mayPull: roleGrants(actor.role, 'images:write') });
  // The placement's claim (cores, memory) and an explicit cpuset's shared one: bound or freed together.
  let claims: string[] = chosen.claim ? [chosen.claim] : [];
  const host = chosen.engine.identity.host;
  try {
    const engine = chosen.engine;
    const client = engine.client.as(userCaller(actor));
    if (actor.role !== 'admin') assertMayUseHostOptions(actor.role, await escapingVolumeFields(client, input));
    const placed: CreateContainerInput = {
      ...input,
      ...(input.env !== undefined ? { env: extracted.env } : {}),
      ...(input.labels !== undefined || Object.keys(extracted.labels).length > 0 ? { labels: extracted.labels } : {}),
      ...(chosen.cores.length > 0 ? { cpuset: chosen.cores.join(',') } : {}),
    };
    const problems = hostFieldProblems(placed, engine);
    if (placed.ipv4Address !== undefined && (network === null || BUILTIN_NETWORKS.has(network))) {
      problems.push({ path: 'ipv4Address', message: `A fixed address needs a user-defined network such as the flat network, not ${network ?? 'the default bridge'}` });
    }
    if (problems.length > 0) throw new ValidationError(problems.map((problem) => `${problem.path}: ${problem.message}`).join('; '), problems);
    if (input.cpuset !== undefined) {
      const shared = await shareCpuset(context, host, input.cpuset, input.name ?? input.image);
      if (shared) claims = [...claims, shared];
    }

    const details = {
      host,
      image: input.image,
      network: network ?? 'bridge',
      ...(chosen.strategy ? { placement: chosen.strategy } : {}),
      ...(chosen.cores.length > 0 ? { cores: chosen.cores.join(',') } : {}),
      ...(input.ipv4Address ? { ipv4Address: input.ipv4Address } : {}),
      ...(input.cpus !== undefined ? { cpus: input.cpus } : {}),
      ...(input.cpuset !== undefined ? { cpuset: input.cpuset } : {}),
      ...(input.memoryMb !== undefined ? { memoryMb: input.memoryMb } : {}),
      ...(actor.role === 'admin' && hostEscapingFields(input).length > 0 ? { hostOptions: hostEscapingFields(input).join(',') } : {}),
    };
    const created = await audited(actor, { action: 'container.create', target: `${host}/${input.name ?? input.image}`, details }, async () => {
      let container: { id: string };
      try {
        container = await client.createContainer(toCreateOptions(placed, network));
      } catch (error) {
        throw createError(error, engine, input, network);
      }
      if (store) for (const claim of claims) await bindClaim(store, host, claim, container.id);
      if (input.start) {
        try {
          await client.containerAction(container.id, 'start');
        } catch (error) {
          const translated = asEngineError(error);
          await client.removeContainer(container.id, { force: true }).catch(() => undefined);
          // Most start refusals are about one field (the fixed address, a port): said under it.
          const field = dockerFieldError(translated.message, { host, network, ipv4Address: input.ipv4Address });
          const message = `The container was created but could not start, so it was removed: ${field?.message ?? translated.message}`;
          if (field) throw new AppError('VALIDATION_FAILED', message, { cause: translated.cause, fields: [field] });
          throw new AppError(translated.code, message, { cause: translated.cause });
        }
      }
      return toContainerDetail(await client.inspectContainer(container.id), host, context.flatNetwork);
    });
    claims = []; // the container holds its cores and memory now; its removal frees them
    return created;
  } finally {
    if (store) for (const claim of claims) await releaseClaim(store, host, claim).catch(() => undefined);
  }
}
