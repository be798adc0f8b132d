import { describe, expect, it } from 'vitest';
import { mergeImageLists } from './merged-images';

describe('mergeImageLists', () => {
  it('gives one entry per image id, naming the hosts that have it, tags joined, newest first', () => {
    const busybox = { Id: 'sha256:b', Created: 10, RepoTags: ['busybox:latest'], RepoDigests: ['busybox@sha256:1'], Containers: 1 };
    const merged = mergeImageLists([
      { host: 'h1', entries: [busybox, { Id: 'sha256:old', Created: 1, RepoTags: ['old:1'], Containers: -1 }] },
      { host: 'h2', entries: [{ ...busybox, RepoTags: ['busybox:latest', 'lab/busybox:1'], Containers: 2 }, { Id: 'sha256:new', Created: 20, RepoTags: null }] },
    ]);
    expect(merged.map((entry) => [entry.Id, entry.Hosts])).toEqual([
      ['sha256:new', ['h2']],
      ['sha256:b', ['h1', 'h2']],
      ['sha256:old', ['h1']],
    ]);
    expect(merged[1]).toMatchObject({ RepoTags: ['busybox:latest', 'lab/busybox:1'], RepoDigests: ['busybox@sha256:1'], Containers: 3 });
  });
});
