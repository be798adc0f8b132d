// Classic swarm's placement expressions, so its users' habits work unchanged: `node==h2`,
// `node!=h1`, `engine.labels.zone==a` (or just `zone==a`), `affinity:container==web`,
// `affinity:image==busybox`. `==~` / `!=~` make a rule soft (dropped when no host fits it);
// a value may be a glob (`web*`) or a regular expression (`/^web-\d+$/`).

export type Operator = '==' | '!=';

/** What a constraint looks at on a host. */
export type ConstraintTarget = { readonly kind: 'node' } | { readonly kind: 'label'; readonly name: string };

export interface Constraint {
  readonly target: ConstraintTarget;
  readonly operator: Operator;
  readonly value: string;
  readonly soft: boolean;
  /** As written, for messages. */
  readonly text: string;
}

export interface Affinity {
  readonly kind: 'container' | 'image';
  readonly operator: Operator;
  readonly value: string;
  readonly soft: boolean;
  readonly text: string;
}

const EXPRESSION = /^([A-Za-z0-9_.\-/]+)\s*(==|!=)(~?)\s*(\S.*)$/;
const REGEX_VALUE = /^\/(.+)\/$/;

interface Parts {
  key: string;
  operator: Operator;
  soft: boolean;
  value: string;
}

function partsOf(text: string): Parts | string {
  const match = EXPRESSION.exec(text.trim());
  if (!match) return `"${text}" is not a rule: write key==value or key!=value (add ~ after the operator for a soft rule), e.g. node==h2`;
  const [, key = '', operator = '==', tilde = '', value = ''] = match;
  const regex = REGEX_VALUE.exec(value.trim());
  if (regex) {
    try {
      new RegExp(regex[1] ?? '');
    } catch {
      return `"${text}": ${value.trim()} is not a valid regular expression`;
    }
  }
  return { key, operator: operator as Operator, soft: tilde === '~', value: value.trim() };
}

/** A constraint such as node==h2 or engine.labels.zone==a; a message when it does not parse. */
export function parseConstraint(text: string): Constraint | string {
  const parts = partsOf(text);
  if (typeof parts === 'string') return parts;
  const { key, operator, soft, value } = parts;
  const lower = key.toLowerCase();
  let target: ConstraintTarget;
  if (lower === 'node' || lower === 'node.hostname') target = { kind: 'node' };
  else if (lower.startsWith('engine.labels.') || lower.startsWith('node.labels.')) {
    const name = key.slice(key.indexOf('.labels.') + '.labels.'.length);
    if (name === '') return `"${text}": name the label, e.g. engine.labels.zone==a`;
    target = { kind: 'label', name };
  } else if (lower.includes('.')) return `"${text}": ${key} is not something a host has: use node, engine.labels.<name> or a label name`;
  else target = { kind: 'label', name: key };
  return { target, operator, value, soft, text: text.trim() };
}

/** An affinity such as container==web or image==busybox; a message when it does not parse. */
export function parseAffinity(text: string): Affinity | string {
  const parts = partsOf(text);
  if (typeof parts === 'string') return parts;
  const kind = parts.key.toLowerCase();
  if (kind !== 'container' && kind !== 'image') return `"${text}": an affinity is container==<name> or image==<reference>, not ${parts.key}`;
  return { kind, operator: parts.operator, value: parts.value, soft: parts.soft, text: text.trim() };
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

/** Whether `candidate` matches a rule's value: a /regex/, a glob, or the exact text. */
export function valueMatches(pattern: string, candidate: string): boolean {
  const regex = REGEX_VALUE.exec(pattern);
  if (regex) return new RegExp(regex[1] ?? '').test(candidate);
  if (pattern.includes('*') || pattern.includes('?')) return globToRegExp(pattern).test(candidate);
  return pattern === candidate;
}
