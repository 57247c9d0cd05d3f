import type { Configuration } from 'oidc-provider';
import { html, trusted } from '../../../common/html';
import { page, PAGE_HEADERS } from '../login/page';

type Features = NonNullable<Configuration['features']>;
type Logout = NonNullable<Features['rpInitiatedLogout']>;

/**
 * The provider's own pages in the project's language, replacing its defaults
 * (English, and loading a web font from the internet). `form` is the provider's
 * hidden logout form carrying its CSRF token: the buttons submit it, no script.
 */
export const logoutSource: NonNullable<Logout['logoutSource']> = (ctx, form) => {
  ctx.type = 'html';
  ctx.set(PAGE_HEADERS);
  ctx.body = page(
    '退出登录 (sign out)',
    html`<h1>退出登录</h1>
<p class="sub">Do you want to sign out?</p>
${trusted(form)}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>退出 (sign out)</button>
<button type="submit" form="op.logoutForm" class="secondary">保持登录 (stay signed in)</button>`,
  );
};

export const postLogoutSuccessSource: NonNullable<Logout['postLogoutSuccessSource']> = (ctx) => {
  ctx.type = 'html';
  ctx.set(PAGE_HEADERS);
  ctx.body = page('已退出 (signed out)', html`<h1>已退出登录</h1><p class="sub">You have signed out.</p>`);
};

export const renderError: NonNullable<Configuration['renderError']> = (ctx, out) => {
  ctx.type = 'html';
  ctx.set(PAGE_HEADERS);
  ctx.body = page(
    '出错了 (error)',
    html`<h1>无法完成登录请求</h1>
<p class="sub">The sign-in request could not be completed.</p>
<p class="error">${out.error}${out.error_description ? `: ${out.error_description}` : ''}</p>`,
  );
};
