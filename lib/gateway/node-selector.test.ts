import { describe, expect, it } from 'vitest';
import { nodeSelectorOfHeaders, takeNodeFilter } from './node-selector';

describe('node selectors of image calls', () => {
  it('reads constraint:node== from the header, globs and != included', () => {
    const only = nodeSelectorOfHeaders({ 'x-shipyard-constraint': 'node==h2' });
    expect(['h1', 'h2', 'h3'].filter((host) => only?.(host))).toEqual(['h2']);
    const not = nodeSelectorOfHeaders({ 'x-shipyard-constraint': 'constraint:node!=h*1' });
    expect(['h1', 'h2', 'h3'].filter((host) => not?.(host))).toEqual(['h2', 'h3']);
    expect(nodeSelectorOfHeaders({})).toBeNull();
  });

  it('refuses a header that names no node constraint', () => {
    expect(() => nodeSelectorOfHeaders({ 'x-shipyard-constraint': 'engine.labels.zone==a' })).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => nodeSelectorOfHeaders({ 'x-shipyard-constraint': 'node=h2' })).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('takes the node filter out of an images list, keeping the others', () => {
    const filters = encodeURIComponent(JSON.stringify({ node: { h2: true }, dangling: { false: true } }));
    const taken = takeNodeFilter(`/v1.41/images/json?all=0&filters=${filters}`);
    expect(new URLSearchParams(taken.url.split('?')[1]).get('filters')).toBe(JSON.stringify({ dangling: { false: true } }));
    expect(['h1', 'h2'].filter((host) => taken.selector?.(host))).toEqual(['h2']);
    const alone = takeNodeFilter(`/images/json?filters=${encodeURIComponent(JSON.stringify({ node: ['h1'] }))}`);
    expect(alone.url).toBe('/images/json');
    expect(takeNodeFilter('/images/json?all=1')).toEqual({ url: '/images/json?all=1', selector: null });
  });
});
