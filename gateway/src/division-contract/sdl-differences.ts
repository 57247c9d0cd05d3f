/**
 * What differs between the division schema a system announces and the one the
 * gateway plans with, in words a vendor can act on ("type Target: field
 * usccVerified is missing") instead of two long texts. The rule itself is
 * exact text equality — the gateway compares the texts — so when the structure
 * agrees the first differing line is named instead (descriptions, order).
 */
import {
  Kind,
  parse,
  print,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
} from 'graphql';

interface Member {
  text: string;
  directives: string;
}

interface Shape {
  kind: string;
  directives: string;
  members: Map<string, Member>;
}

function directivesOf(directives: readonly ConstDirectiveNode[] | undefined): string {
  return (directives ?? []).map((directive) => print(directive)).join(' ');
}

function argumentText(argument: InputValueDefinitionNode): string {
  return `${argument.name.value}: ${print(argument.type)}${argument.defaultValue ? ` = ${print(argument.defaultValue)}` : ''}`;
}

function fieldText(field: FieldDefinitionNode | InputValueDefinitionNode): string {
  if (field.kind === Kind.INPUT_VALUE_DEFINITION) return argumentText(field);
  const args = field.arguments?.length ? `(${field.arguments.map(argumentText).join(', ')})` : '';
  return `${field.name.value}${args}: ${print(field.type)}`;
}

function definitionName(definition: DefinitionNode): string | undefined {
  if ('name' in definition && definition.name) return definition.name.value;
  return undefined;
}

function shapes(document: DocumentNode): Map<string, Shape> {
  const result = new Map<string, Shape>();
  for (const definition of document.definitions) {
    const name = definitionName(definition);
    if (!name) continue;
    const members = new Map<string, Member>();
    if ('fields' in definition && definition.fields) {
      for (const field of definition.fields) members.set(field.name.value, { text: fieldText(field), directives: directivesOf(field.directives) });
    }
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      for (const value of definition.values ?? []) members.set(value.name.value, { text: value.name.value, directives: directivesOf(value.directives) });
    }
    if (definition.kind === Kind.UNION_TYPE_DEFINITION) {
      for (const type of definition.types ?? []) members.set(type.name.value, { text: type.name.value, directives: '' });
    }
    const directives = 'directives' in definition ? directivesOf(definition.directives as readonly ConstDirectiveNode[] | undefined) : '';
    result.set(name, { kind: definition.kind, directives, members });
  }
  return result;
}

function label(kind: string): string {
  switch (kind) {
    case Kind.ENUM_TYPE_DEFINITION:
      return 'enum';
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      return 'input';
    case Kind.UNION_TYPE_DEFINITION:
      return 'union';
    case Kind.SCALAR_TYPE_DEFINITION:
      return 'scalar';
    case Kind.INTERFACE_TYPE_DEFINITION:
      return 'interface';
    case Kind.DIRECTIVE_DEFINITION:
      return 'directive';
    default:
      return 'type';
  }
}

/** Up to `limit` differences, most useful first; empty when the texts are equal. */
export function sdlDifferences(expected: string, actual: string, limit = 8): string[] {
  if (expected.trim() === actual.trim()) return [];
  let want: Map<string, Shape>;
  let got: Map<string, Shape>;
  try {
    want = shapes(parse(expected));
  } catch (error) {
    return [`the expected schema does not parse: ${(error as Error).message}`];
  }
  try {
    got = shapes(parse(actual));
  } catch (error) {
    return [`the announced schema does not parse: ${(error as Error).message}`];
  }
  const differences: string[] = [];
  for (const [name, shape] of want) {
    const other = got.get(name);
    if (!other) {
      differences.push(`${label(shape.kind)} ${name} is missing`);
      continue;
    }
    if (other.kind !== shape.kind) differences.push(`${name} must be a ${label(shape.kind)}, is a ${label(other.kind)}`);
    if (other.directives !== shape.directives)
      differences.push(`${label(shape.kind)} ${name}: expected ${shape.directives || 'no directives'}, got ${other.directives || 'none'}`);
    for (const [member, definition] of shape.members) {
      const found = other.members.get(member);
      if (!found) differences.push(`${label(shape.kind)} ${name}: ${member} is missing (expected ${definition.text})`);
      else if (found.text !== definition.text) differences.push(`${label(shape.kind)} ${name}: expected ${definition.text}, got ${found.text}`);
      else if (found.directives !== definition.directives)
        differences.push(`${label(shape.kind)} ${name}.${member}: expected ${definition.directives || 'no directives'}, got ${found.directives || 'none'}`);
    }
    for (const member of other.members.keys()) {
      if (!shape.members.has(member)) differences.push(`${label(shape.kind)} ${name}: ${member} is not in the contract`);
    }
  }
  for (const [name, shape] of got) if (!want.has(name)) differences.push(`${label(shape.kind)} ${name} is not in the contract`);
  if (differences.length === 0) differences.push(firstDifferentLine(expected.trim(), actual.trim()));
  return differences.length > limit ? [...differences.slice(0, limit), `… and ${differences.length - limit} more`] : differences;
}

/** Same types and fields, different text: the first line that differs (a description, the order of fields). */
function firstDifferentLine(expected: string, actual: string): string {
  const want = expected.split('\n');
  const got = actual.split('\n');
  for (let line = 0; line < Math.max(want.length, got.length); line += 1) {
    if (want[line] !== got[line]) {
      return `same types and fields, but the text differs from line ${line + 1}: expected ${JSON.stringify(want[line] ?? '(end of schema)')}, got ${JSON.stringify(got[line] ?? '(end of schema)')}`;
    }
  }
  return 'the texts differ in white space only';
}
