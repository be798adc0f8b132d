// ${VAR} interpolation of a compose file's values, as the compose spec defines it: $VAR, ${VAR},
// ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, ${VAR:+other}, ${VAR+other}, $$.

export class InterpolationError extends Error {
  constructor(readonly path: string, message: string) {
    super(`${path}: ${message}`);
  }
}

const PATTERN = /\$(?:\$|\{([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))|\$/g;

function substitute(expression: string, vars: ReadonlyMap<string, string>, path: string): string {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(expression);
  if (!match) throw new InterpolationError(path, `invalid interpolation format for "\${${expression}}"`);
  const [, name = '', operator, argument = ''] = match;
  const value = vars.get(name);
  const unsetOrEmpty = value === undefined || value === '';
  switch (operator) {
    case undefined:
      return value ?? '';
    case ':-':
      return unsetOrEmpty ? interpolateString(argument, vars, path) : value;
    case '-':
      return value === undefined ? interpolateString(argument, vars, path) : value;
    case ':?':
      if (unsetOrEmpty) throw new InterpolationError(path, `required variable ${name} is missing a value${argument ? `: ${argument}` : ''}`);
      return value;
    case '?':
      if (value === undefined) throw new InterpolationError(path, `required variable ${name} is missing a value${argument ? `: ${argument}` : ''}`);
      return value;
    case ':+':
      return unsetOrEmpty ? '' : interpolateString(argument, vars, path);
    default: // '+'
      return value === undefined ? '' : interpolateString(argument, vars, path);
  }
}

export function interpolateString(text: string, vars: ReadonlyMap<string, string>, path: string): string {
  return text.replace(PATTERN, (whole: string, braced: string | undefined, bare: string | undefined) => {
    if (whole === '$$') return '$';
    if (braced !== undefined) return substitute(braced, vars, path);
    if (bare !== undefined) return vars.get(bare) ?? '';
    throw new InterpolationError(path, 'a lone "$" (write "$$" for a dollar sign)');
  });
}

/** Every string value of a parsed compose file interpolated (keys are not), `path` naming where. */
export function interpolate(value: unknown, vars: ReadonlyMap<string, string>, path = ''): unknown {
  if (typeof value === 'string') return interpolateString(value, vars, path || '(file)');
  if (Array.isArray(value)) return value.map((item, index) => interpolate(item, vars, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolate(item, vars, path ? `${path}.${key}` : key)]));
  }
  return value;
}
