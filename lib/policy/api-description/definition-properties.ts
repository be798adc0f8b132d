// The properties of a schema of the engine's API description, following $ref and allOf as
// Swagger does: what the completeness test compares the classification tables with.
import type { YamlValue } from './yaml-subset';

export type Schema = { readonly [key: string]: YamlValue };

const isSchema = (value: YamlValue | undefined): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

export class ApiDescription {
  constructor(private readonly document: Schema) {}

  definition(name: string): Schema {
    const definitions = this.document.definitions;
    const found = isSchema(definitions) ? definitions[name] : undefined;
    if (!isSchema(found)) throw new Error(`the API description has no definition ${name}`);
    return found;
  }

  /** The body schema of an operation: paths[path][method].parameters[in=body].schema. */
  bodySchema(path: string, method: string): Schema {
    const paths = this.document.paths;
    const operation = isSchema(paths) && isSchema(paths[path]) ? paths[path][method] : undefined;
    const parameters = isSchema(operation) ? operation.parameters : undefined;
    const body = Array.isArray(parameters) ? parameters.find((parameter) => isSchema(parameter) && parameter.in === 'body') : undefined;
    if (!isSchema(body) || !isSchema(body.schema)) throw new Error(`the API description has no body for ${method} ${path}`);
    return body.schema;
  }

  /** A schema with its $ref followed. */
  resolve(schema: Schema): Schema {
    const ref = schema.$ref;
    if (typeof ref === 'string') return this.resolve(this.definition(ref.replace('#/definitions/', '')));
    return schema;
  }

  /** Every property of the schema, its allOf parts' included. */
  properties(schema: Schema): Record<string, Schema> {
    const resolved = this.resolve(schema);
    const result: Record<string, Schema> = {};
    if (Array.isArray(resolved.allOf)) for (const part of resolved.allOf) if (isSchema(part)) Object.assign(result, this.properties(part));
    if (isSchema(resolved.properties)) for (const [name, property] of Object.entries(resolved.properties)) if (isSchema(property)) result[name] = property;
    return result;
  }

  /** The element schema of an array, or the value schema of a map (additionalProperties), or null. */
  element(schema: Schema, of: 'items' | 'additionalProperties'): Schema | null {
    const inner = this.resolve(schema)[of];
    return isSchema(inner) ? inner : null;
  }
}
