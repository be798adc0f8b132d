import { assertMayChangeCpuset } from '@/lib/placement/exclusive-guard';
import { userCaller } from '@/lib/docker/engine-request';
import { ValidationError } from '@/lib/errors/app-error';
import { audited } from '@/lib/audit/audited';
import { toContainerSummary, type ContainerSummary } from './container-summary';
import type { Actor, ContainerContext } from '@/lib/engines/context';
import { hostFieldProblems } from './create-container';
import type { UpdateLimitsInput } from './container-schema';
import { targetOf } from './lifecycle';
import { locateContainer } from '@/lib/engines/locate';

/** Changes the CPU and memory limits of a container, running or not; checked against its host's cores. */
export async function updateLimits(
  context: ContainerContext,
  actor: Actor,
  reference: string,
  host: string | undefined,
  input: UpdateLimitsInput,
): Promise<ContainerSummary> {
  const located = await locateContainer(context, reference, host);
  const problems = hostFieldProblems(input, located.engine);
  if (problems.length > 0) throw new ValidationError(problems.map((problem) => `${problem.path}: ${problem.message}`).join('; '), problems);
  if (input.cpuset !== undefined) await assertMayChangeCpuset(context, located.engine.identity.host, located.inspect.Id, input.cpuset);
  const details: Record<string, string | number> = { id: located.inspect.Id.slice(0, 12) };
  if (input.cpus !== undefined) details.cpus = input.cpus;
  if (input.cpuset !== undefined) details.cpuset = input.cpuset;
  if (input.memoryMb !== undefined) details.memoryMb = input.memoryMb;
  return audited(actor, { action: 'container.update', target: targetOf(located), details }, async () => {
    const client = located.engine.client.as(userCaller(actor));
    await client.updateContainer(located.inspect.Id, {
      ...(input.cpus !== undefined ? { NanoCpus: Math.round(input.cpus * 1e9) } : {}),
      ...(input.cpuset !== undefined ? { CpusetCpus: input.cpuset } : {}),
      // Swap follows memory as Docker's default does (twice the limit), so raising the limit
      // above the old swap limit does not fail.
      ...(input.memoryMb !== undefined ? { Memory: input.memoryMb * 1024 * 1024, MemorySwap: input.memoryMb * 2 * 1024 * 1024 } : {}),
    });
    located.engine.limits.forget(located.inspect.Id); // do not wait for the update event
    const inspect = await client.inspectContainer(located.inspect.Id);
    return toContainerSummary(inspect, located.engine.identity.host, context.flatNetwork);
  });
}
