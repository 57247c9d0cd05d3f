import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { beijingDateTime, personLabel, TASK_KIND_LABELS, TASK_STATUS_LABELS } from '../format';
import { ApiUnavailableError, requireData } from '../graphql-client';
import { html, type SafeHtml } from '../../../../common/html';
import type { Page } from '../layout';
import { notFound, PageError, type PageContext } from './context';

interface DrawView {
  drawnAt: string;
  algorithm: string;
  beacon: string;
  secret: string;
  seed: string;
  poolDigest: string;
  poolSize: number;
  highRiskPoolSize: number;
  selectedCount: number;
  highRiskSelectedCount: number;
  excludedCount: number;
  recordUrl: string | null;
  verification: { ok: boolean; problems: string[]; pending: boolean };
}

/** The pool fixed and published at commit (SSJ-DRAW-2). */
interface PoolView {
  digest: string;
  asOf: string;
  inspectorCount: number;
  url: string;
  countsByClass: Array<{ riskClass: string; count: number }>;
}

interface CancellationView {
  reason: string;
  requestedBy: { sub: string; name: string | null } | null;
  requestedAt: string | null;
  approvedBy: { sub: string; name: string | null } | null;
  approvedAt: string | null;
  note: string | null;
}

interface TaskView {
  id: string;
  name: string;
  year: number;
  kind: string;
  status: string;
  isJoint: boolean;
  periodStart: string;
  periodEnd: string;
  committedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  cancellation: CancellationView | null;
  followsCancelled: Array<{ id: string; name: string }>;
  seedCommitment: string | null;
  beacon: { source: string; date: string } | null;
  pool: PoolView | null;
  divisions: Array<{ code: string; name: string } | null>;
  publication: { id: string; title: string; publishedAt: string } | null;
  draw: DrawView | null;
}

/**
 * Everything the public may see of a task's draw — but not `record`: the
 * download serves it as a file (`recordUrl`). The verification is the one
 * stored with the draw: showing this page costs no verification work.
 */
const DRAW_QUERY = `query PortalDraw($id: ID!) {
  inspectionTask(id: $id) {
    id name year kind status isJoint periodStart periodEnd committedAt cancelledAt cancelReason seedCommitment
    beacon { source date }
    pool { digest asOf inspectorCount url countsByClass { riskClass count } }
    cancellation { reason requestedBy { sub name } requestedAt approvedBy { sub name } approvedAt note }
    followsCancelled { id name }
    divisions { code name }
    publication { id title publishedAt }
    draw {
      drawnAt algorithm beacon secret seed poolDigest poolSize highRiskPoolSize
      selectedCount highRiskSelectedCount excludedCount recordUrl
      verification { ok problems pending }
    }
  }
}`;

/** Task ids as the joint office issues them (T2026-0007); anything else cannot exist. */
const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function taskId(req: Request): string {
  const id = String(req.params.id ?? '');
  if (!TASK_ID.test(id)) throw notFound('抽查任务编号无效。');
  return id;
}

function hex(value: string): SafeHtml {
  return html`<code>${value}</code>`;
}

const CLASS_LABELS: Record<string, string> = { A: 'A 类（信用风险低）', B: 'B 类（信用风险一般）', C: 'C 类（信用风险较高）', D: 'D 类（信用风险高）' };

/** 抽取池 — published at commit, before the declared beacon value exists: its digest, counts per class and the beacon declaration. */
function poolFacts(task: TaskView): SafeHtml {
  const pool = task.pool;
  if (!pool) return html``;
  return html`<section class="panel" aria-labelledby="pool-heading">
    <h2 id="pool-heading">抽取池（确定任务时公开）</h2>
    <p>
      任务确定时，备选的检查对象和执法检查人员已经固定并公开（以不可辨认身份的承诺值表示），同时声明了抽取将使用的公开随机数。该随机数在确定时尚不存在，
      因此任何人都无法在知道结果之后再调整备选池。
    </p>
    <dl class="facts">
      ${
        task.committedAt
          ? html`<dt>确定时间</dt>
              <dd>${beijingDateTime(task.committedAt)}</dd>`
          : ''
      }
      <dt>抽取池摘要（poolDigest）</dt>
      <dd>${hex(pool.digest)}</dd>
      <dt>各信用风险分类的检查对象</dt>
      <dd>${pool.countsByClass.map((entry, index) => html`${index ? '，' : ''}${CLASS_LABELS[entry.riskClass] ?? entry.riskClass} ${entry.count} 个`)}</dd>
      <dt>执法检查人员</dt>
      <dd>${pool.inspectorCount} 名</dd>
      ${
        task.beacon
          ? html`<dt>声明的公开随机数</dt>
              <dd>${task.beacon.source}，${task.beacon.date} 公布</dd>`
          : ''
      }
    </dl>
    <p><a class="button-link" href="${pool.url}" download="${`${task.id}-pool.json`}">下载抽取池 pool.json</a></p>
  </section>`;
}

function howToVerify(task: TaskView): SafeHtml {
  if (task.pool) return howToVerify2();
  return html`<section class="panel" aria-labelledby="verify-heading">
    <h2 id="verify-heading">如何核验</h2>
    <p>抽取结果由公开的算法（${task.draw?.algorithm ?? 'SSJ-DRAW-1'}）确定，任何人都可以用抽取记录独立复算，无需信任本平台：</p>
    <ol class="steps">
      <li>下载抽取记录 <span class="mono">record.json</span>（检查结果公示后提供）。</li>
      <li>
        用本系统附带的核验命令离线核验：
        <pre>npm run verify-draw -- record.json</pre>
        核验通过时输出 <span class="mono">OK</span>，记录被改动时输出不符之处。
      </li>
      <li>
        也可以用任何编程语言手工核验（只需 SHA-256 和 HMAC-SHA256）：
        <ul>
          <li>SHA-256(密钥 secret) 应等于抽取前公开的种子承诺 <span class="mono">commitment</span>，证明密钥在抽取前已确定、事后未更换；</li>
          <li>SHA-256(规范化的抽取输入 input) 应等于备选池摘要 <span class="mono">poolDigest</span>，证明备选池未被改动；</li>
          <li>种子 seed = SHA-256(secret + 换行 + 公开随机数 beacon + 换行 + poolDigest)，公开随机数在确定任务时无人能预知；</li>
          <li>
            每个检查对象按 HMAC-SHA256(seed, "target:" + 统一社会信用代码) 从小到大排序，按抽查比例取前若干名；检查人员按 HMAC-SHA256(seed, "team:" +
            统一社会信用代码 + ":" + 部门 + ":" + 人员编号) 在工作量最少者中选取。
          </li>
        </ul>
        复算得到的检查对象和检查组应与记录中的 <span class="mono">assignments</span> 完全一致。完整规范见<a href="/draw-algorithm.md">抽取算法规范 draw-algorithm.md</a>第 11 节。
      </li>
    </ol>
  </section>`;
}

/** 如何核验 an SSJ-DRAW-2 draw: the record proves the draw against the pool published at commit, without naming anyone. */
function howToVerify2(): SafeHtml {
  return html`<section class="panel" aria-labelledby="verify-heading">
    <h2 id="verify-heading">如何核验</h2>
    <p>抽取结果由公开的算法 SSJ-DRAW-2 确定，任何人都可以用抽取记录独立复算，无需信任本平台：</p>
    <ol class="steps">
      <li>任务确定时保存上方的抽取池摘要，或下载 <span class="mono">pool.json</span>。</li>
      <li>检查结果公示后下载抽取记录 <span class="mono">record.json</span>，用本系统附带的核验命令离线核验：<pre>npm run verify-draw -- record.json</pre></li>
      <li>核对记录中的 <span class="mono">poolDigest</span> 与确定任务时公开的抽取池摘要一致，<span class="mono">beacon</span> 与声明来源在声明日期公布的数值一致。</li>
      <li>
        记录不含任何统一社会信用代码、人员编号或回避关系：检查对象以加盐承诺值表示。被抽中的市场主体可凭检查通知书上的盐值，计算自己的承诺值并在记录中找到自己。
      </li>
    </ol>
    <p>完整规范（可据此独立编写核验程序）：<a href="/draw-algorithm.md">抽取算法规范 draw-algorithm.md</a>。</p>
  </section>`;
}

function drawFacts(task: TaskView, draw: DrawView): SafeHtml {
  return html`<section class="panel" aria-labelledby="draw-heading">
    <h2 id="draw-heading">抽取结果</h2>
    ${
      draw.verification.pending
        ? html`<p class="notice">系统正在按公开算法复核本次抽取，请稍后刷新本页查看复核结论。</p>`
        : draw.verification.ok
          ? html`<p class="notice ok">系统按公开算法复核本次抽取：记录与种子承诺、备选池摘要和抽取结果一致。</p>`
          : html`<p class="notice warn">系统复核发现不一致：${draw.verification.problems.join('；')}</p>`
    }
    <dl class="facts">
      <dt>抽取时间</dt>
      <dd>${beijingDateTime(draw.drawnAt)}</dd>
      <dt>算法</dt>
      <dd><span class="mono">${draw.algorithm}</span></dd>
      <dt>种子承诺（commitment）</dt>
      <dd>${task.seedCommitment ? hex(task.seedCommitment) : '—'}</dd>
      <dt>公开随机数（beacon）</dt>
      <dd>${draw.beacon}</dd>
      <dt>揭示的密钥（secret）</dt>
      <dd>${hex(draw.secret)}</dd>
      <dt>种子（seed）</dt>
      <dd>${hex(draw.seed)}</dd>
      <dt>备选池摘要（poolDigest）</dt>
      <dd>${hex(draw.poolDigest)}</dd>
      <dt>备选池</dt>
      <dd>
        ${draw.poolSize} 个市场主体，其中${draw.algorithm === 'SSJ-DRAW-2' ? '信用风险较高和高（C、D 类）' : '高风险'} ${draw.highRiskPoolSize} 个；因本年度已被抽取而排除
        ${draw.excludedCount} 个
      </dd>
      <dt>抽中</dt>
      <dd>${draw.selectedCount} 个市场主体，其中${draw.algorithm === 'SSJ-DRAW-2' ? 'C、D 类' : '高风险'} ${draw.highRiskSelectedCount} 个</dd>
    </dl>
    ${recordNotice(task, draw.recordUrl)}
  </section>`;
}

/**
 * Whether and when the record can be downloaded — said truthfully for a task cancelled after its draw, which is never published:
 * with a supervisor's approval its record is public at once (nothing is inspected); one cancelled before approvals existed keeps it closed.
 */
function recordNotice(task: TaskView, recordUrl: string | null): SafeHtml {
  const link = html`<p><a class="button-link" href="${recordUrl ?? ''}" download="${`${task.id}-draw-record.json`}">下载抽取记录 record.json</a></p>`;
  if (recordUrl && task.status === 'CANCELLED') {
    return html`<p class="notice">本任务在抽取后经督查批准撤销，不会实施检查，抽取记录即时公开，可核对被搁置的样本。</p>
      ${link}`;
  }
  if (recordUrl) return html`<p><a class="button-link" href="${recordUrl}" download="${`${task.id}-draw-record.json`}">下载抽取记录 record.json</a></p>`;
  if (task.status === 'CANCELLED') {
    return html`<p class="notice">
      本任务在抽取后撤销，不会公示检查结果。抽取记录列明被抽中的检查对象和检查组，不予公开；上方公开的密钥仍可与种子承诺核对：SHA-256(secret) 应等于
      commitment。
    </p>`;
  }
  return html`<p class="notice">抽取记录列明被抽中的检查对象和检查组，将在本任务检查结果公示后提供下载。</p>`;
}

/** 撤销: when and why, and — after the draw — who asked and which supervisor approved, as the office recorded it. */
function cancellationFacts(task: TaskView): SafeHtml {
  if (task.status !== 'CANCELLED' && task.status !== 'CANCELLATION_REQUESTED') return html``;
  const record = task.cancellation;
  return html`${
    task.cancelledAt
      ? html`<dt>撤销时间</dt>
            <dd>${beijingDateTime(task.cancelledAt)}</dd>`
      : ''
  }
    <dt>撤销原因</dt>
    <dd>${record?.reason ?? task.cancelReason ?? '未说明'}</dd>
    ${
      record?.requestedBy
        ? html`<dt>${task.status === 'CANCELLED' && !record.approvedBy ? '撤销人' : '申请人'}</dt>
            <dd>${personLabel(record.requestedBy)}${record.requestedAt ? html`，${beijingDateTime(record.requestedAt)}` : ''}</dd>`
        : ''
    }
    ${
      record?.approvedBy
        ? html`<dt>审批人</dt>
            <dd>${personLabel(record.approvedBy)}${record.approvedAt ? html`，${beijingDateTime(record.approvedAt)}` : ''}</dd>
            <dt>审批意见</dt>
            <dd>${record.note ?? '—'}</dd>`
        : task.status === 'CANCELLATION_REQUESTED'
          ? html`<dt>审批人</dt>
              <dd>待督查审批</dd>`
          : ''
    }`;
}

/** 接续已撤销的抽取: the cancelled draws of the year over the same pool this task follows, each linked to its page. */
function followedCancellations(task: TaskView): SafeHtml {
  if (task.followsCancelled.length === 0) return html``;
  return html`<dt>接续已撤销的抽取</dt>
    <dd>
      ${task.followsCancelled.map(
        (other, index) =>
          html`${index ? '、' : ''}<a href="${`/tasks/${encodeURIComponent(other.id)}/draw`}">${other.name}（<span class="mono">${other.id}</span>）</a>`,
      )}
      <br /><span class="small">同一年度内，上述任务抽取后经审批撤销，其检查对象范围与本任务重合。</span>
    </dd>`;
}

/** 抽取过程 — the commitment, the revealed secret and seed, the pool digest, and how to check them. */
export async function drawPage(context: PageContext, req: Request): Promise<Page> {
  const id = taskId(req);
  const data = requireData(await context.publicQuery<{ inspectionTask: TaskView | null }>(DRAW_QUERY, { id }));
  const task = data.inspectionTask;
  if (!task) throw notFound(`没有编号为“${id}”的公开抽查任务。`);
  const divisions = task.divisions.filter((division): division is { code: string; name: string } => division !== null);
  const stage = task.draw
    ? drawFacts(task, task.draw)
    : task.status === 'CANCELLED'
      ? html`<section class="panel"><p class="notice">本任务在抽取前撤销，未进行抽取。</p></section>`
      : html`<section class="panel">
          <h2>尚未抽取</h2>
          <p>任务确定时已公开下方的种子承诺：抽取时使用的密钥已经确定，其 SHA-256 摘要就是种子承诺。抽取后将公布密钥，任何人都可以核对二者是否相符。</p>
          <dl class="facts">
            <dt>种子承诺（commitment）</dt>
            <dd>${task.seedCommitment ? hex(task.seedCommitment) : '—'}</dd>
            ${
              task.committedAt
                ? html`<dt>确定时间</dt>
                    <dd>${beijingDateTime(task.committedAt)}</dd>`
                : ''
            }
          </dl>
        </section>`;
  return {
    title: `${task.name} — 随机抽取`,
    section: 'tasks',
    body: html`<p class="small"><a href="/tasks">« 全部抽查任务</a></p>
      <h1>${task.name}</h1>
      <section class="panel">
        <dl class="facts">
          <dt>任务编号</dt>
          <dd><span class="mono">${task.id}</span></dd>
          <dt>类型</dt>
          <dd>${TASK_KIND_LABELS[task.kind] ?? task.kind}${task.isJoint ? '（多部门联合抽查）' : ''}</dd>
          ${
            divisions.length
              ? html`<dt>参加部门</dt>
                  <dd>${divisions.map((division) => division.name).join('、')}</dd>`
              : ''
          }
          <dt>检查期间</dt>
          <dd>${task.periodStart} 至 ${task.periodEnd}</dd>
          <dt>状态</dt>
          <dd>${TASK_STATUS_LABELS[task.status] ?? task.status}</dd>
          ${cancellationFacts(task)} ${followedCancellations(task)}
          ${
            task.publication
              ? html`<dt>结果公告</dt>
                  <dd><a href="${`/publications/${encodeURIComponent(task.publication.id)}`}">${task.publication.title}</a></dd>`
              : ''
          }
        </dl>
      </section>
      ${poolFacts(task)} ${stage} ${task.status !== 'CANCELLED' ? howToVerify(task) : ''}`,
  };
}

/**
 * record.json — the canonical draw record exactly as the joint subgraph holds
 * it, as a download: streamed byte for byte (no re-serialising, so its digests
 * still match), with the record's ETag, so a client that has it gets a 304.
 */
export async function sendDrawRecord(context: PageContext, req: Request, res: Response): Promise<void> {
  const id = taskId(req);
  let answer;
  try {
    answer = await context.drawRecord(id, req.header('if-none-match'));
  } catch (error) {
    throw new ApiUnavailableError('draw record unreachable', error);
  }
  if (answer.status !== 200 && answer.status !== 304) {
    await answer.body.dump();
    if (answer.status === 404) throw notFound('没有这份抽取记录：任务不存在、未公开或尚未抽取。');
    if (answer.status === 403) throw new PageError(403, '抽取记录暂不公开', '抽取记录列明被抽中的检查对象和检查组，将在本任务检查结果公示后公开。');
    throw new ApiUnavailableError(`draw record answered HTTP ${answer.status}`);
  }
  if (answer.etag) res.setHeader('ETag', answer.etag);
  // A published record never changes.
  res.setHeader('Cache-Control', 'public, max-age=86400');
  if (answer.status === 304) {
    await answer.body.dump();
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Disposition', `attachment; filename="${id.replace(/[^A-Za-z0-9._-]/g, '_')}-draw-record.json"`);
  res.type('application/json; charset=utf-8');
  try {
    await pipeline(answer.body, res);
  } catch {
    // The visitor went away, or the joint subgraph did, mid-download: the status is sent, so only the connection can say so.
    res.destroy();
  }
}

/** pool.json — the public pool (SSJ-DRAW-2) exactly as published at commit, as a download; its SHA-256 is the pool digest. */
export async function sendDrawPool(context: PageContext, req: Request, res: Response): Promise<void> {
  const id = taskId(req);
  let answer;
  try {
    answer = await context.drawPool(id, req.header('if-none-match'));
  } catch (error) {
    throw new ApiUnavailableError('draw pool unreachable', error);
  }
  if (answer.status !== 200 && answer.status !== 304) {
    await answer.body.dump();
    if (answer.status === 404) throw notFound('没有这份抽取池：任务不存在、尚未确定，或在本版本之前确定。');
    throw new ApiUnavailableError(`draw pool answered HTTP ${answer.status}`);
  }
  if (answer.etag) res.setHeader('ETag', answer.etag);
  res.setHeader('Cache-Control', 'public, max-age=86400');
  if (answer.status === 304) {
    await answer.body.dump();
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Disposition', `attachment; filename="${id.replace(/[^A-Za-z0-9._-]/g, '_')}-pool.json"`);
  res.type('application/json; charset=utf-8');
  try {
    await pipeline(answer.body, res);
  } catch {
    res.destroy();
  }
}
