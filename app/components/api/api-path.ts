/**
 * A REST API path with every interpolated value encoded as one path segment:
 * apiPath`/api/v1/containers/${id}/logs` cannot be bent by an id holding "/" or "?".
 */
export function apiPath(strings: TemplateStringsArray, ...values: readonly (string | number)[]): string {
  return strings.reduce((path, text, index) => `${path}${encodeURIComponent(String(values[index - 1]))}${text}`);
}
