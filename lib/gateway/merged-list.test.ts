import { describe, expect, it } from 'vitest';
import { mergeContainerLists } from './merged-list';

describe('mergeContainerLists', () => {
  const lists = [
    { host: 'h1', entries: [{ Id: 'a', Names: ['/web'], Created: 10 }, { Id: 'b', Names: ['/db', '/web/db'], Created: 30 }] },
    { host: 'h2', entries: [{ Id: 'c', Names: ['/web'], Created: 20 }] },
  ];

  it('prefixes every name with its host, as classic swarm did, newest first', () => {
    expect(mergeContainerLists(lists, null)).toEqual([
      { Id: 'b', Names: ['/h1/db', '/h1/web/db'], Created: 30 },
      { Id: 'c', Names: ['/h2/web'], Created: 20 },
      { Id: 'a', Names: ['/h1/web'], Created: 10 },
    ]);
  });

  it("keeps Docker's ?limit over the merged list", () => {
    expect(mergeContainerLists(lists, 2).map((entry) => (entry as { Id: string }).Id)).toEqual(['b', 'c']);
  });
});
