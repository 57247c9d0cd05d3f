import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isIsoDate } from './dates';

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new GraphQLError(`日期应为真实存在的 YYYY-MM-DD 格式日期，收到 ${JSON.stringify(value)} (a Date is a real calendar date written YYYY-MM-DD)`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/** A calendar date, `YYYY-MM-DD`. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date written YYYY-MM-DD (日期)',
  serialize: (value) => parseDate(value),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});
