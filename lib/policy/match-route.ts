import { ENGINE_ROUTES, type EngineRoute, type PathParameter } from './routes';

export interface RouteMatch {
  readonly route: EngineRoute;
  /** The decoded segments of the request's route. */
  readonly segments: readonly string[];
  /** Each path parameter: its kind and the index of its segments ([start, end) for {image*}). */
  readonly parameters: ReadonlyArray<{ readonly kind: PathParameter; readonly start: number; readonly end: number }>;
}

interface CompiledRoute {
  readonly route: EngineRoute;
  readonly parts: ReadonlyArray<{ readonly literal: string } | { readonly kind: PathParameter; readonly many: boolean }>;
}

const COMPILED: readonly CompiledRoute[] = ENGINE_ROUTES.map((route) => ({
  route,
  parts: route.pattern
    .slice(1)
    .split('/')
    .map((segment) => {
      const parameter = /^\{(\w+)(\*?)\}$/.exec(segment);
      return parameter?.[1] ? { kind: parameter[1] as PathParameter, many: parameter[2] === '*' } : { literal: segment };
    }),
}));

function matchParts(compiled: CompiledRoute, segments: readonly string[]): RouteMatch['parameters'] | null {
  const { parts } = compiled;
  const many = parts.findIndex((part) => 'kind' in part && part.many);
  const fixedCount = parts.length - (many === -1 ? 0 : 1);
  if (many === -1 ? segments.length !== parts.length : segments.length <= fixedCount) return null;
  const extra = segments.length - parts.length; // segments the {x*} part takes beyond one
  const parameters: { kind: PathParameter; start: number; end: number }[] = [];
  let index = 0;
  for (const [position, part] of parts.entries()) {
    const width = position === many ? extra + 1 : 1;
    const segment = segments[index] ?? '';
    if ('literal' in part) {
      if (segment !== part.literal) return null;
    } else {
      if (segments.slice(index, index + width).some((each) => each === '')) return null;
      parameters.push({ kind: part.kind, start: index, end: index + width });
    }
    index += width;
  }
  return parameters;
}

/** The route a request takes, as the engine's router would pick it, or null. */
export function matchRoute(method: string, segments: readonly string[]): RouteMatch | null {
  const upper = method.toUpperCase();
  for (const compiled of COMPILED) {
    if (compiled.route.method !== upper) continue;
    const parameters = matchParts(compiled, segments);
    if (parameters) return { route: compiled.route, segments, parameters };
  }
  return null;
}
