// Every property of the request bodies a non-admin may send, as the engine's API description
// lists them, has a classification: allowed (a struct's properties classified in turn), admin-only
// or refused. A property the tables forget fails here instead of passing unchecked.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BODY_TABLES } from '../body-tables';
import { classificationCounts } from '../classification-counts';
import { classificationOf, type Classification, type FieldRule, type Fields } from '../field-rules';
import { ApiDescription, type Schema } from './definition-properties';
import { parseYamlSubset, type YamlValue } from './yaml-subset';

// moby's api/swagger.yaml for API v1.41 (engine 20.10), kept in the repository so the test is self-contained.
const DESCRIPTION_FILE = path.resolve(__dirname, '../../../docs/reference/docker-engine-api-v1.41.yaml');

function loadDescription(): ApiDescription {
  const document = parseYamlSubset(readFileSync(DESCRIPTION_FILE, 'utf8'));
  if (typeof document !== 'object' || Array.isArray(document)) throw new Error('the API description is not a mapping');
  return new ApiDescription(document as { [key: string]: YamlValue });
}

interface Walk {
  readonly missing: string[];
  readonly unclassifiedInside: string[];
  readonly counts: Record<Classification, number>;
}

function hasStructure(api: ApiDescription, schema: Schema): boolean {
  if (Object.keys(api.properties(schema)).length > 0) return true;
  const items = api.element(schema, 'items');
  const values = api.element(schema, 'additionalProperties');
  return (items !== null && hasStructure(api, items)) || (values !== null && hasStructure(api, values));
}

function walkRule(api: ApiDescription, rule: FieldRule, schema: Schema, at: string, walk: Walk): void {
  if (rule.kind === 'struct') return walkFields(api, rule.fields, schema, at, walk);
  if (rule.kind === 'granted') return walkRule(api, rule.of, schema, at, walk);
  if (rule.kind === 'list' || rule.kind === 'map') {
    const inner = api.element(schema, rule.kind === 'list' ? 'items' : 'additionalProperties');
    if (inner) walkRule(api, rule.of, inner, `${at}${rule.kind === 'list' ? '[]' : '{}'}`, walk);
    return;
  }
  // An allowed value taken whole must not hide properties nobody looked at (a check reads them).
  if (rule.kind === 'allowed' && !rule.check && hasStructure(api, schema)) walk.unclassifiedInside.push(at);
}

function walkFields(api: ApiDescription, fields: Fields, schema: Schema, at: string, walk: Walk): void {
  for (const [name, property] of Object.entries(api.properties(schema))) {
    const where = at === '' ? name : `${at}.${name}`;
    const rule = fields[name];
    if (!rule) {
      walk.missing.push(where);
      continue;
    }
    walk.counts[classificationOf(rule)]++;
    walkRule(api, rule, property, where, walk);
  }
}

describe('the classification covers the engine API description (v1.41)', () => {
  const api = loadDescription();
  const schemas: Record<keyof typeof BODY_TABLES, Schema> = {
    ContainerConfig: api.definition('ContainerConfig'),
    HostConfig: api.definition('HostConfig'),
    NetworkingConfig: api.definition('NetworkingConfig'),
    ContainerUpdate: api.bodySchema('/containers/{id}/update', 'post'),
    ExecConfig: api.bodySchema('/containers/{id}/exec', 'post'),
    ExecStartConfig: api.bodySchema('/exec/{id}/start', 'post'),
    NetworkCreateRequest: api.bodySchema('/networks/create', 'post'),
    NetworkConnectRequest: api.bodySchema('/networks/{id}/connect', 'post'),
    NetworkDisconnectRequest: api.bodySchema('/networks/{id}/disconnect', 'post'),
    VolumeCreateOptions: api.definition('VolumeCreateOptions'),
    ServiceSpec: api.definition('ServiceSpec'),
    SecretSpec: api.definition('SecretSpec'),
    ConfigSpec: api.definition('ConfigSpec'),
  };
  const walk: Walk = { missing: [], unclassifiedInside: [], counts: { allowed: 0, 'admin-only': 0, refused: 0 } };
  for (const [name, fields] of Object.entries(BODY_TABLES)) {
    const schema = schemas[name];
    if (schema) walkFields(api, fields, schema, name, walk);
  }

  it('reads the description: the definitions the policy covers are there', () => {
    for (const name of ['HostConfig', 'Resources', 'ContainerConfig', 'EndpointSettings', 'TaskSpec', 'ServiceSpec', 'Mount', 'NetworkAttachmentConfig', 'EndpointSpec']) {
      expect(Object.keys(api.properties(api.definition(name))).length).toBeGreaterThan(1);
    }
    expect(Object.keys(api.properties(api.definition('HostConfig')))).toEqual(expect.arrayContaining(['Privileged', 'CpuShares', 'MaskedPaths', 'Mounts']));
  });

  it('has a table for every request body it names', () => {
    expect(Object.keys(schemas).sort()).toEqual(Object.keys(BODY_TABLES).sort());
  });

  it('classifies every property of those bodies, at every depth', () => {
    expect(walk.missing).toEqual([]);
  });

  it('classifies the properties inside every structured value it allows', () => {
    expect(walk.unclassifiedInside).toEqual([]);
  });

  it('would fail on a forgotten property or an unexamined structure', () => {
    const probe: Walk = { missing: [], unclassifiedInside: [], counts: { allowed: 0, 'admin-only': 0, refused: 0 } };
    const { Privileged: _privileged, ...forgetful } = BODY_TABLES.HostConfig ?? {};
    walkFields(api, { ...forgetful, LogConfig: { kind: 'allowed' } }, schemas.HostConfig ?? {}, 'HostConfig', probe);
    expect(probe.missing).toEqual(['HostConfig.Privileged']);
    expect(probe.unclassifiedInside).toEqual(['HostConfig.LogConfig']);
  });

  it('counts what it classified', () => {
    const counts = classificationCounts();
    expect(counts.total).toBe(counts.allowed + counts['admin-only'] + counts.refused);
    expect(walk.counts['admin-only']).toBeGreaterThan(20);
    expect(walk.counts.refused).toBeGreaterThan(10);
    console.info(`API description properties checked: ${JSON.stringify(walk.counts)}; table properties: ${JSON.stringify(counts)}`);
  });
});
