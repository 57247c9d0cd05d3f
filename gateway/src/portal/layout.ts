import type { PortalAssets } from './assets';
import { html, type SafeHtml } from '../../../common/html';

/** Which section of the site a page belongs to, to mark it in the navigation. */
export type Section = 'results' | 'publications' | 'items' | 'tasks';

/** A rendered page before it gets the site's frame. */
export interface Page {
  title: string;
  section?: Section;
  body: SafeHtml;
  status?: number;
}

const SITE_NAME = '许昌市公安局“双随机、一公开”抽查结果公示';

const NAV: ReadonlyArray<{ section: Section; href: string; label: string }> = [
  { section: 'results', href: '/', label: '检查结果' },
  { section: 'publications', href: '/publications', label: '结果公告' },
  { section: 'items', href: '/items', label: '抽查事项清单' },
  { section: 'tasks', href: '/tasks', label: '抽查任务与抽取核验' },
];

/** The site's frame: header with navigation, the page, and the footer. No script anywhere. */
export function renderDocument(page: Page, assets: PortalAssets): string {
  const nav = NAV.map((entry) => html`<li><a href="${entry.href}"${entry.section === page.section ? html` aria-current="page"` : ''}>${entry.label}</a></li>`);
  const document = html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} — ${SITE_NAME}</title>
<meta name="description" content="许昌市公安局各警种部门随机抽查事项清单、抽查任务的公开抽取记录和检查结果公示。">
<link rel="stylesheet" href="${assets.stylesheet.url}">
<link rel="icon" href="${assets.logo.url}" type="image/svg+xml">
</head>
<body>
<a class="skip" href="#main">跳到正文</a>
<header class="site-header">
<div class="wrap">
<a class="brand" href="/"><img src="${assets.logo.url}" alt="" width="44" height="44"><span class="brand-text"><strong>许昌市公安局</strong><span>“双随机、一公开”抽查结果公示平台</span></span></a>
<nav class="site-nav" aria-label="主导航"><ul>${nav}</ul></nav>
</div>
</header>
<main id="main" class="wrap">
${page.body}
</main>
<footer class="site-footer">
<div class="wrap">
<p>本平台公示许昌市公安局各警种部门依照“双随机、一公开”规定开展的随机抽查：抽查事项清单、抽查对象和执法检查人员的随机抽取记录，以及检查结果。</p>
<p>涉及国家秘密、商业秘密或者个人隐私的检查情况依法不予公示，仅公示不予公示的理由；执法检查人员的个人信息不在本平台公示。</p>
</div>
</footer>
</body>
</html>
`;
  return document.value;
}
