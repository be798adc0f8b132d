// Docker's answer to a container inspect, typed at this one boundary. dockerode's
// ContainerInspectInfo describes the JSON; the app's shapes (InspectShape, the scale clone source)
// are views of it that the compiler checks, instead of casts at every call.
import type Docker from 'dockerode';

/** The inspect answer; also the raw JSON the console shows on request. */
export type ContainerInspect = Docker.ContainerInspectInfo & Record<string, unknown>;

export async function readContainerInspect(container: Docker.Container): Promise<ContainerInspect> {
  // The spread gives dockerode's interface the index signature of a plain JSON object.
  return { ...(await container.inspect()) };
}
