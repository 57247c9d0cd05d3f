/** The police divisions (警种部门) of the bureau and the names the public knows them by. */
export const KNOWN_DIVISIONS: Readonly<Record<string, string>> = {
  ZA: '治安管理支队',
  WA: '网络安全保卫支队',
  JD: '禁毒支队',
  JJ: '交通警察支队',
  CRJ: '出入境管理支队',
};

export const DIVISION_CODE = /^[A-Z][A-Z0-9]{1,7}$/;
