import { html } from '../../../../common/html';
import type { Page } from '../layout';

const HEADINGS: Record<number, string> = {
  400: '请求参数有误',
  403: '暂不公开',
  404: '未找到该页面',
  429: '访问过于频繁',
  503: '服务暂时不可用',
};

/** A friendly page for a refusal or an outage, always with a way back. */
export function errorPage(status: number, detail: string, heading = HEADINGS[status] ?? '出错了'): Page {
  return {
    title: heading,
    status,
    body: html`<section class="panel">
<h1>${heading}</h1>
<p>${detail}</p>
<p><a href="/">返回检查结果公示首页</a> · <a href="/publications">查看结果公告</a> · <a href="/items">查看抽查事项清单</a></p>
</section>`,
  };
}

export const UNAVAILABLE_DETAIL = '公示数据暂时无法读取，可能是系统正在维护。请稍后刷新重试。';
