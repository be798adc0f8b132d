// Where classic swarm's users write their rules: environment entries `constraint:node==h2` and
// `affinity:container==web`, or the labels `com.docker.swarm.constraints` and
// `com.docker.swarm.affinities` (JSON lists, as classic swarm itself wrote them). The rules are
// taken out of the environment and kept as those labels on the container, as classic swarm did.
import type { FieldError } from '@/lib/errors/app-error';
import { parseAffinity, parseConstraint, type Affinity, type Constraint } from './constraint-expression';

export const CONSTRAINTS_LABEL = 'com.docker.swarm.constraints';
export const AFFINITIES_LABEL = 'com.docker.swarm.affinities';
/** An environment entry that is a placement rule, not a variable. */
export const RULE_ENTRY = /^(constraint|affinity):/;

export interface PlacementRules {
  readonly constraints: readonly Constraint[];
  readonly affinities: readonly Affinity[];
}

export interface ExtractedRules {
  readonly rules: PlacementRules;
  /** The environment without the rule entries. */
  readonly env: string[];
  /** The labels with the rules written as classic swarm's two labels (absent when there are none). */
  readonly labels: Record<string, string>;
  /** One per malformed rule, naming the field (`env.2`, `labels.com.docker.swarm.constraints`). */
  readonly problems: FieldError[];
}

function listInLabel(value: string): string[] | string {
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed;
  } catch {
    // said below
  }
  return `write a JSON list of rules, e.g. ["node==h2"], not ${value}`;
}

/** The placement rules of a create request's environment and labels. */
export function extractPlacementRules(env: readonly string[], labels: Readonly<Record<string, string>>): ExtractedRules {
  const constraints: Constraint[] = [];
  const affinities: Affinity[] = [];
  const problems: FieldError[] = [];
  const rest: string[] = [];
  env.forEach((entry, index) => {
    const rule = RULE_ENTRY.exec(entry);
    if (!rule) return void rest.push(entry);
    const text = entry.slice(rule[0].length);
    const parsed = rule[1] === 'constraint' ? parseConstraint(text) : parseAffinity(text);
    if (typeof parsed === 'string') problems.push({ path: `env.${index}`, message: parsed });
    else if ('target' in parsed) constraints.push(parsed);
    else affinities.push(parsed);
  });
  const labelled = <Rule>(name: string, parse: (text: string) => Rule | string, into: Rule[]) => {
    const value = labels[name];
    if (value === undefined) return;
    const list = listInLabel(value);
    if (typeof list === 'string') return void problems.push({ path: `labels.${name}`, message: list });
    for (const text of list) {
      const parsed = parse(text);
      if (typeof parsed === 'string') problems.push({ path: `labels.${name}`, message: parsed });
      else into.push(parsed);
    }
  };
  labelled(CONSTRAINTS_LABEL, parseConstraint, constraints);
  labelled(AFFINITIES_LABEL, parseAffinity, affinities);
  const outLabels: Record<string, string> = Object.fromEntries(Object.entries(labels).filter(([key]) => key !== CONSTRAINTS_LABEL && key !== AFFINITIES_LABEL));
  if (constraints.length > 0) outLabels[CONSTRAINTS_LABEL] = JSON.stringify(constraints.map((rule) => rule.text));
  if (affinities.length > 0) outLabels[AFFINITIES_LABEL] = JSON.stringify(affinities.map((rule) => rule.text));
  return { rules: { constraints, affinities }, env: rest, labels: outLabels, problems };
}

export function hasRules(rules: PlacementRules): boolean {
  return rules.constraints.length > 0 || rules.affinities.length > 0;
}
