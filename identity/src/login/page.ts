import { html, type HtmlValue, type SafeHtml } from '../../../common/html';

// Everything the pages need is in the page itself: no web fonts, no CDN, no script,
// so the sign-in works on the bureau's internal network and under a strict CSP.
const STYLE = `
body{margin:0;font-family:"Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;background:#eef2f7;color:#1f2933}
main{max-width:360px;margin:72px auto;padding:32px;background:#fff;border-radius:6px;box-shadow:0 2px 8px rgba(0,0,0,.12)}
h1{font-size:20px;margin:0 0 4px}p.sub{margin:0 0 24px;color:#52606d;font-size:13px}
label{display:block;margin:16px 0 6px;font-size:14px}
input[type=text],input[type=password]{box-sizing:border-box;width:100%;padding:9px 10px;font-size:15px;border:1px solid #9aa5b1;border-radius:4px}
button{margin-top:24px;width:100%;padding:10px;font-size:15px;border:0;border-radius:4px;background:#1d4ed8;color:#fff;cursor:pointer}
button.secondary{margin-top:10px;background:#e4e7eb;color:#1f2933}
.error{margin:0 0 8px;padding:10px 12px;border-radius:4px;background:#fde8e8;color:#9b1c1c;font-size:14px}
`;

/**
 * Headers of every page rendered here: nothing but the page's own style may load
 * or run, and no other site may frame the sign-in form to trick a click.
 * (`form-action` is left open: after the form the browser is redirected on to the workbench.)
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

/** One page of the identity provider, Chinese first with the English in brackets. */
export function page(title: string, body: HtmlValue): string {
  return html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body><main>${body}</main></body>
</html>`.value;
}

export interface LoginPageModel {
  /** Where the form posts: the interaction's own URL, so it only works with the interaction's cookie. */
  action: string;
  username?: string;
  error?: string;
}

/** 登录页 — the sign-in form of an authorization request. */
export function loginPage(model: LoginPageModel): string {
  const error: SafeHtml | null = model.error ? html`<p class="error" role="alert">${model.error}</p>` : null;
  return page(
    '登录 (sign in) — 双随机联合监管',
    html`<h1>双随机联合监管 登录</h1>
<p class="sub">Joint random-inspection workbench — sign in</p>
${error}
<form method="post" action="${model.action}" autocomplete="off">
<label for="username">用户名 (username)</label>
<input type="text" id="username" name="username" value="${model.username ?? ''}" required autofocus maxlength="64" autocapitalize="none" spellcheck="false">
<label for="password">密码 (password)</label>
<input type="password" id="password" name="password" required maxlength="256" autocomplete="current-password">
<button type="submit">登录 (sign in)</button>
</form>`,
  );
}

export const SIGN_IN_MESSAGES = {
  wrongCredentials: '用户名或密码错误 (wrong username or password)',
  locked: (minutes: number) =>
    `连续登录失败次数过多，账户已锁定，请 ${minutes} 分钟后再试 (too many failed sign-ins: the account is locked, try again in ${minutes} minutes)`,
  disabled: '账户已停用，请联系系统管理员 (the account is disabled: ask the administrator)',
  missing: '请输入用户名和密码 (enter your username and password)',
  tooMany: (seconds: number) => `登录尝试过于频繁，请 ${seconds} 秒后再试 (too many sign-in attempts from this address: try again in ${seconds} s)`,
} as const;
