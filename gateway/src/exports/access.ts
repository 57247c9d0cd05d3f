import type { RequestHandler, Response } from 'express';
import { AuthError } from '../auth';
import { hasRole, type Role, type Viewer } from '../../../common/viewer';
import type { SiteContext } from '../site-context';

/** Who may download: BI tools (analyst), 督查 (supervisor) and the joint office (coordinator). */
export const EXPORT_ROLES: readonly Role[] = ['analyst', 'supervisor', 'coordinator'];

function refuse(res: Response, status: 401 | 403, code: string, message: string): void {
  if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="ssj-export"');
  res.setHeader('Cache-Control', 'no-store');
  res.status(status).json({ error: { code, message } });
}

/**
 * Checks the caller's token the way /graphql does (site.verifyToken) before any
 * data is read, and keeps the viewer for the handler. The same Authorization
 * header is then passed on to /graphql, so the API applies its own rules too.
 */
export function requireExportRole(site: SiteContext): RequestHandler {
  return async (req, res, next) => {
    let viewer: Viewer | null;
    try {
      viewer = await site.verifyToken(req.header('authorization'));
    } catch (error) {
      const message = error instanceof AuthError ? error.message : '身份验证失败 (authentication failed)';
      refuse(res, 401, 'UNAUTHENTICATED', message);
      return;
    }
    if (!viewer) {
      refuse(res, 401, 'UNAUTHENTICATED', '下载数据需要登录：请在 Authorization 头中提供 Bearer 令牌 (sign in: send an Authorization: Bearer token)');
      return;
    }
    if (!hasRole(viewer, ...EXPORT_ROLES)) {
      refuse(res, 403, 'FORBIDDEN', '只有数据分析、督查考核和联席会议办公室人员可以下载统计数据 (only analyst, supervisor or coordinator tokens may export)');
      return;
    }
    res.locals.viewer = viewer;
    next();
  };
}
