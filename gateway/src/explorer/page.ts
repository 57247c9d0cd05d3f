import type { Asset } from './assets';

/**
 * The explorer's own Content-Security-Policy. Scripts come only from this origin
 * and never inline (GraphiQL is booted by a served file); GraphiQL 3 sets inline
 * styles, hence 'unsafe-inline' for styles here and nowhere else; its fonts and
 * icons are data: URLs inside its stylesheet; it talks only to this gateway.
 */
export const EXPLORER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The page: stylesheets, a header with the token field, the GraphiQL root, then the scripts in dependency order. */
export function explorerPage(options: { base: string; endpoint: string; scripts: Asset[]; styles: Asset[]; production: boolean }): string {
  const asset = (entry: Asset) => escapeAttribute(`${options.base}/assets/${entry.path}`);
  const introspection = options.production ? 'off' : 'on';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>GraphQL 查询工具 · 双随机联合监管</title>
${options.styles.map((entry) => `<link rel="stylesheet" href="${asset(entry)}">`).join('\n')}
</head>
<body>
<header class="explorer-bar">
  <h1>双随机联合监管 · GraphQL 查询工具 <span>(explorer)</span></h1>
  <label class="explorer-token">令牌 (token)
    <input id="explorer-token" type="password" autocomplete="off" spellcheck="false" placeholder="粘贴令牌，或在 Headers 中填写 Authorization: Bearer …">
  </label>
  <span id="explorer-whoami" class="explorer-whoami" aria-live="polite">未登录 (public)</span>
</header>
<main id="graphiql" data-endpoint="${escapeAttribute(options.endpoint)}" data-operations="${escapeAttribute(`${options.base}/operations.json`)}" data-introspection="${introspection}">
  <p class="explorer-loading">正在加载… (loading)</p>
</main>
${options.scripts.map((entry) => `<script src="${asset(entry)}"></script>`).join('\n')}
</body>
</html>
`;
}
