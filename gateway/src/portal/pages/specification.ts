import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Response } from 'express';
import { repoRoot } from '../../../../common/repo-root';
import { PageError, type PageContext } from './context';

/** Where the portal serves the draw's specification (docs/draw-algorithm.md), exactly as in the repository. */
export const SPECIFICATION_PATH = '/draw-algorithm.md';

let cached: Buffer | null = null;

function specification(): Buffer {
  cached ??= readFileSync(join(repoRoot(__dirname), 'docs', 'draw-algorithm.md'));
  return cached;
}

/**
 * draw-algorithm.md — the complete specification of SSJ-DRAW-2 (and SSJ-DRAW-1 for older
 * records): whoever downloads a record or a pool gets, from the same site, what to check it
 * against. Served as the text it is, in UTF-8, so it can be kept beside the record.
 */
export async function sendSpecification(_context: PageContext, _req: Request, res: Response): Promise<void> {
  let text: Buffer;
  try {
    text = specification();
  } catch {
    throw new PageError(503, '规范暂时无法提供', '抽取算法规范文件缺失，请联系系统管理员。');
  }
  res.setHeader('Cache-Control', 'public, max-age=3600');
  res.type('text/markdown; charset=utf-8').send(text);
}
