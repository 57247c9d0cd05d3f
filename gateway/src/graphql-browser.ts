import type { RequestHandler } from 'express';

/**
 * Someone opened /graphql in a browser. Apollo would answer its CSRF refusal in
 * English ("This operation has been blocked as a potential Cross-Site Request
 * Forgery"), which reads like a fault. Instead the browser goes to the explorer
 * when it is on, and otherwise gets a short page saying what this address is and
 * where people go instead. Programs are not affected: only a GET without a
 * `query` parameter whose Accept header asks for HTML by name is answered here.
 */
export function graphqlBrowserLanding(options: { explorer: boolean }): RequestHandler {
  return (req, res, next) => {
    const wantsHtml = /\btext\/html\b/.test(req.header('accept') ?? '');
    if (req.method !== 'GET' || !wantsHtml || req.query.query !== undefined) return next();
    if (options.explorer) {
      res.redirect(303, '/explorer');
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // 400 as before: the GET itself is not a GraphQL request.
    res
      .status(400)
      .type('html')
      .send(
        [
          '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>GraphQL 接口 (API endpoint)</title></head><body>',
          '<h1>这是系统的 GraphQL 接口</h1>',
          '<p>此地址供程序以 POST 请求（JSON，<code>Content-Type: application/json</code>）调用，不是网页。',
          '检查结果公示请访问 <a href="/">公示平台</a>。</p>',
          '<p lang="en">This is the GraphQL API endpoint: programs send POST requests with a JSON body here. ',
          'The public portal is at <a href="/">/</a>.</p>',
          '</body></html>',
        ].join(''),
      );
  };
}
