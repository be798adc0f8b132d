// What one placement decision reads of the engines, before and after the lean reading: every
// engine's info, containers, whole image list and network list (readEngine, what a placed create
// read until now), against the event-fed containers inventory plus one image inspect per engine
// (readEngineFor). Alternating in the same run, medians.
import type { ContainerContext } from '../../lib/engines/context';
import { engineHandlesFrom, stopEngines } from '../../lib/engines/engines';
import { readEngines } from '../../lib/placement/read-inventory';
import { readingNeeds } from '../../lib/placement/choose-host';
import type { LatencyFigures } from './create-latency';

export async function benchReadLatency(rounds: number): Promise<{ engines: number; figures: LatencyFigures[] }> {
  const image = process.env.SHIPYARD_TEST_IMAGE ?? 'busybox:local';
  const handles = engineHandlesFrom(process.env);
  const context: ContainerContext = { handles, flatNetwork: null };
  const needs = readingNeeds(image, null, { constraints: [], affinities: [] });
  const variants = [
    { label: 'every engine read whole (info, containers, images, networks)', read: () => readEngines(context) },
    { label: 'lean: containers inventory + one image inspect per engine', read: () => readEngines(context, undefined, needs) },
  ];
  const samples = variants.map(() => [] as number[]);
  try {
    for (let round = -2; round < rounds; round += 1) {
      for (const [index, variant] of variants.entries()) {
        const started = performance.now();
        await variant.read();
        if (round >= 0) samples[index]?.push(performance.now() - started);
      }
    }
  } finally {
    stopEngines(handles);
  }
  return { engines: handles.length, figures: variants.map((variant, index) => ({ label: variant.label, samples: samples[index] ?? [] })) };
}
