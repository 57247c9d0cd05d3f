import type { GraphQLError } from 'graphql';
import { domainError } from './errors';

/** The police divisions (警种部门) of the bureau and the names the public knows them by. */
export const KNOWN_DIVISIONS: Readonly<Record<string, string>> = {
  ZA: '治安管理支队',
  WA: '网络安全保卫支队',
  JD: '禁毒支队',
  JJ: '交通警察支队',
  CRJ: '出入境管理支队',
};

export const DIVISION_CODE = /^[A-Z][A-Z0-9]{1,7}$/;

/** The message for a division code that is not configured, or missing altogether. */
export function unknownDivisionMessage(division: string | undefined): string {
  return division === undefined || division === ''
    ? '请求中缺少警种部门代码 (the division code is missing)'
    : `未知的警种部门代码 “${division}” (unknown division code ${division})`;
}

/** UNKNOWN_DIVISION, naming the code in `extensions.division`. */
export function unknownDivision(division: string): GraphQLError {
  return domainError('UNKNOWN_DIVISION', unknownDivisionMessage(division), { division });
}
