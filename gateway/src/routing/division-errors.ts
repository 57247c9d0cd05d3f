/**
 * Error codes and messages of division routing.
 *
 * Clients and scripts switch on `extensions.code` and `extensions.division`;
 * the messages are read by the coordinators at the joint office, so they say in
 * plain words which division is affected (Chinese first, English in brackets,
 * like the subgraphs' own errors).
 */

/** Why one division's part of a fetch produced no data. */
export type DivisionFailureCode = 'DIVISION_UNAVAILABLE' | 'DIVISION_SCHEMA_MISMATCH' | 'UNKNOWN_DIVISION';

/** Every code the router itself puts into `extensions.code`. */
export type DivisionRoutingErrorCode = DivisionFailureCode | 'DIVISION_REQUIRED' | 'DIVISION_ROUTING_FAILED';

/**
 * The result of a part that never produced a GraphQL response: the instance was
 * not reachable, answered with something that is not GraphQL, or was not asked
 * because its schema does not match.
 */
export interface DivisionFailure {
  readonly failed: {
    readonly code: DivisionFailureCode;
    readonly division: string;
    readonly message: string;
  };
}

export function divisionUnavailable(division: string): DivisionFailure {
  return {
    failed: {
      code: 'DIVISION_UNAVAILABLE',
      division,
      message: `分局/支队 ${division} 的服务暂时无法访问 (division ${division} is unavailable)`,
    },
  };
}

export function divisionSchemaMismatch(division: string): DivisionFailure {
  return {
    failed: {
      code: 'DIVISION_SCHEMA_MISMATCH',
      division,
      message: `分局/支队 ${division} 的服务版本与网关不一致，暂停使用 (division ${division} runs a schema that does not match the gateway)`,
    },
  };
}

export { unknownDivisionMessage } from '../../../common/divisions';

export function divisionRequiredMessage(fieldName: string): string {
  return `变更操作 ${fieldName} 必须指定分局/支队 (mutation ${fieldName} needs a division argument)`;
}

/** For an instance that answered, but not with the `_entities` list it was asked for. */
export function malformedAnswerMessage(division: string): string {
  return `分局/支队 ${division} 的服务返回了无法识别的结果 (division ${division} returned a malformed answer)`;
}

/** For a fetch the router cannot split; this means a gateway bug, not a user mistake. */
export function unroutableMessage(reason: string): string {
  return `网关无法将请求分发到各分局/支队 (cannot route the request to the divisions: ${reason})`;
}

export function isDivisionFailure(result: unknown): result is DivisionFailure {
  return (
    typeof result === 'object' &&
    result !== null &&
    'failed' in result &&
    typeof (result as DivisionFailure).failed === 'object' &&
    (result as DivisionFailure).failed !== null
  );
}
