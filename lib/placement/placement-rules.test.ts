import { describe, expect, it } from 'vitest';
import { parseAffinity, parseConstraint, valueMatches } from './constraint-expression';
import { AFFINITIES_LABEL, CONSTRAINTS_LABEL, extractPlacementRules } from './placement-rules';

describe('classic swarm expressions', () => {
  it('reads node and label constraints, hard and soft', () => {
    expect(parseConstraint('node==h2')).toEqual({ target: { kind: 'node' }, operator: '==', value: 'h2', soft: false, text: 'node==h2' });
    expect(parseConstraint('node!=h1')).toMatchObject({ target: { kind: 'node' }, operator: '!=' });
    expect(parseConstraint('engine.labels.zone==a')).toMatchObject({ target: { kind: 'label', name: 'zone' }, value: 'a' });
    expect(parseConstraint('node.labels.zone==a')).toMatchObject({ target: { kind: 'label', name: 'zone' } });
    expect(parseConstraint('zone==~a')).toMatchObject({ target: { kind: 'label', name: 'zone' }, soft: true });
  });

  it('reads container and image affinities', () => {
    expect(parseAffinity('container==web')).toMatchObject({ kind: 'container', operator: '==', value: 'web' });
    expect(parseAffinity('image!=redis:7')).toMatchObject({ kind: 'image', operator: '!=', value: 'redis:7' });
  });

  it('says what is wrong with a malformed rule', () => {
    expect(parseConstraint('node=h2')).toMatch(/not a rule: write key==value/);
    expect(parseConstraint('node==')).toMatch(/not a rule/);
    expect(parseConstraint('engine.labels.==a')).toMatch(/not a rule|name the label/);
    expect(parseConstraint('engine.os==linux')).toMatch(/not something a host has/);
    expect(parseConstraint('node==/[/')).toMatch(/not a valid regular expression/);
    expect(parseAffinity('volume==data')).toMatch(/an affinity is container==<name> or image==<reference>/);
  });

  it('matches exact values, globs and regular expressions', () => {
    expect(valueMatches('h2', 'h2')).toBe(true);
    expect(valueMatches('h2', 'h22')).toBe(false);
    expect(valueMatches('h*', 'h22')).toBe(true);
    expect(valueMatches('web.?', 'web.1')).toBe(true);
    expect(valueMatches('web.?', 'webx1')).toBe(false);
    expect(valueMatches('/^h[12]$/', 'h2')).toBe(true);
    expect(valueMatches('/^h[12]$/', 'h3')).toBe(false);
  });
});

describe('extractPlacementRules', () => {
  it('takes the rules out of the environment and keeps them as classic swarm labels', () => {
    const extracted = extractPlacementRules(['A=1', 'constraint:node==h2', 'affinity:container==web'], { team: 'x' });
    expect(extracted.problems).toEqual([]);
    expect(extracted.env).toEqual(['A=1']);
    expect(extracted.rules.constraints.map((rule) => rule.text)).toEqual(['node==h2']);
    expect(extracted.rules.affinities.map((rule) => rule.text)).toEqual(['container==web']);
    expect(extracted.labels).toEqual({ team: 'x', [CONSTRAINTS_LABEL]: '["node==h2"]', [AFFINITIES_LABEL]: '["container==web"]' });
  });

  it('reads the rules from classic swarm labels', () => {
    const extracted = extractPlacementRules([], { [CONSTRAINTS_LABEL]: '["node!=h1","engine.labels.zone==a"]', [AFFINITIES_LABEL]: '["image==busybox"]' });
    expect(extracted.rules.constraints.map((rule) => rule.text)).toEqual(['node!=h1', 'engine.labels.zone==a']);
    expect(extracted.rules.affinities.map((rule) => rule.kind)).toEqual(['image']);
  });

  it('names the field of each malformed rule', () => {
    const extracted = extractPlacementRules(['A=1', 'constraint:node=h2', 'affinity:volume==x'], { [CONSTRAINTS_LABEL]: 'node==h2' });
    expect(extracted.problems.map((problem) => problem.path)).toEqual(['env.1', 'env.2', `labels.${CONSTRAINTS_LABEL}`]);
    expect(extracted.problems[2]?.message).toMatch(/JSON list of rules/);
  });
});
