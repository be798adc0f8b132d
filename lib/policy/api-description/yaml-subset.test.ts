import { describe, expect, it } from 'vitest';
import { parseYamlSubset } from './yaml-subset';

describe('parseYamlSubset', () => {
  it('reads mappings, sequences, quoted keys, block and flow scalars, comments', () => {
    const text = [
      '# a comment',
      'definitions:',
      '  Mount:',
      '    description: |',
      '      text: that looks like a key',
      '    type: "object" # trailing',
      '    enum:',
      '      - "bind"',
      '      - volume',
      '    example: {',
      '      "a": {}',
      '    }',
      '    required: ["Name"]',
      '    properties:',
      '      "Quoted Key":',
      '        description:',
      '          a plain scalar on the next line',
      '        type: string',
      'list:',
      '- name: one',
      '  in: body',
      '- two',
    ].join('\n');
    expect(parseYamlSubset(text)).toEqual({
      definitions: {
        Mount: { description: '', type: 'object', enum: ['bind', 'volume'], example: '{ "a": {} }', required: '["Name"]', properties: { 'Quoted Key': { description: '', type: 'string' } } },
      },
      list: [{ name: 'one', in: 'body' }, 'two'],
    });
  });

  it('throws on a line it cannot read', () => {
    expect(() => parseYamlSubset('a: 1\n  - b\n}')).toThrow(/yaml-subset/);
  });
});
