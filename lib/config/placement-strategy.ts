import { isPlacementStrategy, PLACEMENT_STRATEGIES, type PlacementStrategy } from '@/lib/placement/strategy';

/** SHIPYARD_PLACEMENT_STRATEGY: spread (the default) or binpack; a message for anything else. */
export function parsePlacementStrategy(raw: string | undefined): PlacementStrategy | { problem: string } {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '') return 'spread';
  if (isPlacementStrategy(value)) return value;
  return { problem: `"${raw ?? ''}" is not a strategy: use ${PLACEMENT_STRATEGIES.join(' or ')}` };
}
