// Removing a node from the swarm. Docker removes a node that is down; one still up only with
// force, and a manager never: each refusal is explained here before Docker sees the request.
import type Docker from 'dockerode';
import { translateDockerError } from '@/lib/docker/docker-errors';
import { ConflictError } from '@/lib/errors/app-error';
import { refuseLosingLastManager } from './last-manager';
import { type NodeShape, toNodeView } from './nodes';

export async function removeNode(docker: Docker, endpoint: string, id: string, force: boolean): Promise<void> {
  try {
    const handle = docker.getNode(id);
    const node = toNodeView((await handle.inspect()) as NodeShape);
    if (node.role === 'manager') {
      await refuseLosingLastManager(docker, node, 'remove');
      throw new ConflictError(`${node.hostname} is a manager: demote it to worker first, then remove it`);
    }
    if (node.state !== 'down' && !force) {
      throw new ConflictError(
        `${node.hostname} is still ${node.state}: drain it and run "docker swarm leave" on it, then remove it; or remove it with force (its tasks are rescheduled elsewhere)`,
      );
    }
    await handle.remove({ force });
  } catch (error) {
    throw translateDockerError(error, endpoint);
  }
}
