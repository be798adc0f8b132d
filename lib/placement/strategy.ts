export const PLACEMENT_STRATEGIES = ['spread', 'binpack'] as const;
/** spread: the least loaded host (classic swarm's default); binpack: the most loaded that still fits. */
export type PlacementStrategy = (typeof PLACEMENT_STRATEGIES)[number];

export function isPlacementStrategy(value: string): value is PlacementStrategy {
  return (PLACEMENT_STRATEGIES as readonly string[]).includes(value);
}
