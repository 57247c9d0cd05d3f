import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from './logger';

/**
 * Errors every HTTP service answers the same way: GraphQL-shaped JSON with a
 * stable code, never Express's HTML page (which carries a stack trace outside
 * production), never an internal detail.
 */
export function jsonError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * Body-parser failures: 413 for oversized bodies, 415 for a charset or content
 * encoding it cannot read, 400 for anything else malformed.
 */
export function bodyErrors(limitBytes: number): ErrorRequestHandler {
  return (error, _req, res, next) => {
    const type = typeof error?.type === 'string' ? (error.type as string) : undefined;
    if (!type) {
      next(error);
      return;
    }
    if (type === 'entity.too.large') {
      jsonError(res, 413, 'PAYLOAD_TOO_LARGE', `请求体超过 ${megabytes(limitBytes)} 上限 (the request body is larger than the ${megabytes(limitBytes)} limit)`);
    } else if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
      jsonError(
        res,
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        '请求体须为 UTF-8 编码、未压缩（或 gzip/deflate 压缩）的 JSON (the request body must be JSON in UTF-8, uncompressed or gzip/deflate)',
      );
    } else if (type === 'entity.parse.failed') {
      jsonError(res, 400, 'BAD_REQUEST', '请求体不是有效的 JSON (the request body is not valid JSON)');
    } else {
      jsonError(res, 400, 'BAD_REQUEST', '请求体无法读取 (the request body could not be read)');
    }
  };
}

/** A path nothing answers, as JSON. */
export const notFoundJson: RequestHandler = (_req, res) => {
  jsonError(res, 404, 'NOT_FOUND', '没有这个地址 (there is nothing at this address)');
};

/** The last handler: whatever escaped the routes is answered as JSON, never as an HTML page with a stack. */
export function finalErrors(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = Number(error?.status ?? error?.statusCode);
    if (status >= 400 && status < 500) {
      jsonError(res, status, 'BAD_REQUEST', '请求无法处理 (the request could not be handled)');
      return;
    }
    logger.error({ err: error, rid: res.locals.requestId, path: req.path }, 'request failed');
    jsonError(res, 500, 'INTERNAL_SERVER_ERROR', '服务器内部错误，请稍后重试或联系管理员 (internal error; try again or contact the administrator)');
  };
}
