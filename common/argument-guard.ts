import {
  defaultFieldResolver,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badInput } from './errors';
import { argumentTextProblem } from './text';

/**
 * Which text may span lines, by schema coordinate: `Type.field` for a field of
 * an input type, `Type.field(argument:)` for an argument. Every other text is
 * single-line. Each subgraph keeps its list next to its schema, and a
 * coordinate that names nothing stops the schema from building, so the list
 * cannot silently go stale when a field is renamed.
 */
export interface TextFields {
  multiline: readonly string[];
}

/** Federation's own fields: their arguments come from the gateway's planner, not from clients. */
const FEDERATION_FIELDS = new Set(['_entities', '_service']);

interface Walk {
  multiline: ReadonlySet<string>;
}

/**
 * Checks one coerced value against its input type: every String and ID (and
 * every string a custom scalar yields) meets the text rule of its coordinate.
 * Throws BAD_USER_INPUT naming the path, e.g. `input.items[0].code`.
 */
function checkValue(value: unknown, type: GraphQLInputType, path: string, coordinate: string, walk: Walk): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkValue(value, type.ofType, path, coordinate, walk);
  if (isListType(type)) {
    if (!Array.isArray(value)) return checkValue(value, type.ofType, path, coordinate, walk);
    value.forEach((item, index) => checkValue(item, type.ofType, `${path}[${index}]`, coordinate, walk));
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object') return;
    const fields = type.getFields();
    for (const [name, field] of Object.entries(fields)) {
      checkValue((value as Record<string, unknown>)[name], field.type, `${path}.${name}`, `${type.name}.${name}`, walk);
    }
    return;
  }
  if (isScalarType(type) && typeof value === 'string') {
    const problem = argumentTextProblem(value, path, walk.multiline.has(coordinate));
    if (problem) throw badInput(problem, path);
  }
}

function checkArguments(definitions: readonly GraphQLArgument[], args: Record<string, unknown>, owner: string, walk: Walk): void {
  for (const definition of definitions) {
    checkValue(args[definition.name], definition.type, definition.name, `${owner}(${definition.name}:)`, walk);
  }
}

/** Every coordinate a schema has: `Type.field(argument:)` for arguments, `Type.field` for input fields. */
function coordinatesOf(schema: GraphQLSchema): Set<string> {
  const coordinates = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const argument of field.args) coordinates.add(`${type.name}.${field.name}(${argument.name}:)`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) coordinates.add(`${type.name}.${field.name}`);
    }
  }
  return coordinates;
}

/**
 * Wraps every field resolver that takes arguments, so that no resolver — of a
 * field that exists today or one added later — sees an argument that breaks
 * the text rule of `common/text.ts`: a NUL anywhere; control, bidirectional
 * and invisible characters in single-line text; more characters than any
 * field of its kind holds. Runs before the resolver, so before any access
 * check or database query. Returns the schema, changed in place.
 */
export function guardArguments(schema: GraphQLSchema, fields: TextFields): GraphQLSchema {
  const known = coordinatesOf(schema);
  const unknown = fields.multiline.filter((coordinate) => !known.has(coordinate));
  if (unknown.length > 0) throw new Error(`multi-line text coordinates name nothing in the schema: ${unknown.join(', ')}`);
  const walk: Walk = { multiline: new Set(fields.multiline) };
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0 || FEDERATION_FIELDS.has(field.name)) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const owner = `${type.name}.${field.name}`;
      field.resolve = (source, args, context, info) => {
        checkArguments(field.args, args, owner, walk);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
