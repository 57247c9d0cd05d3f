import { Alert, Button, DatePicker, Descriptions, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { asApiError, request, useQuery, type ApiError } from '../../api/client';
import { actionLabel, ACTION_LABELS, roleLabel, shortTime } from './labels';
import {
  DIVISION_AUDIT,
  DIVISION_CHAIN,
  DIVISIONS,
  JOINT_AUDIT,
  JOINT_CHAIN,
  type AuditChainReport,
  type AuditEntry,
  type AuditFilter,
  type AuditPage,
} from './operations';

/** 联席办, or a division's code. */
const JOINT = '__joint__';
const PAGE_SIZE = 50;
/** With a date range, pages are read on until the range's start is passed, at most this many per query. */
const MAX_PAGES_FOR_RANGE = 20;

interface Filters {
  scope: string;
  task?: string;
  action?: string;
  actor?: string;
  subject?: string;
  refused?: 'all' | 'changes' | 'refused';
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** One query of the trail the page reads: a task's own entries and its assignments' are two. */
interface Stream {
  filter: AuditFilter;
  after: string | null;
  hasNext: boolean;
  total: number;
  oldest: string | null;
}

function streamsOf(filters: Filters): Stream[] {
  const refused = filters.refused === 'refused' ? true : filters.refused === 'changes' ? false : null;
  const base: AuditFilter = { action: filters.action || null, actor: filters.actor?.trim() || null, refused };
  const task = filters.task?.trim();
  const subjects = task ? [`task:${task}`, `assignment:${task}-*`] : [filters.subject?.trim() || null];
  return subjects.map((subject) => ({ filter: { ...base, subject }, after: null, hasNext: true, total: 0, oldest: null }));
}

async function readPage(scope: string, filter: AuditFilter, after: string | null): Promise<AuditPage> {
  const vars = { ...filter, first: PAGE_SIZE, after };
  if (scope === JOINT) return (await request(JOINT_AUDIT, vars)).auditTrail;
  const answer = await request(DIVISION_AUDIT, { ...vars, code: scope });
  if (!answer.division) throw new Error(`没有部门 ${scope}`);
  return answer.division.auditTrail;
}

function dayOf(at: string): string {
  return at.slice(0, 10);
}

function ChangeList({ entry }: { entry: AuditEntry }) {
  if (entry.refusal)
    return (
      <Tag color="red" title="操作被拒绝，未作任何变更">
        被拒绝：{entry.refusal}
      </Tag>
    );
  if (!entry.changes || entry.changes.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      {entry.changes.map((change) => (
        <Typography.Text key={change.field} style={{ fontSize: 12 }}>
          <Typography.Text code>{change.field}</Typography.Text> {change.before ?? '（无）'} → {change.after ?? '（无）'}
        </Typography.Text>
      ))}
    </Space>
  );
}

function ChainCheck({ scope, scopeName }: { scope: string; scopeName: string }) {
  const [state, setState] = useState<{ loading: boolean; report: AuditChainReport | null; error: ApiError | null; of: string | null }>({
    loading: false,
    report: null,
    error: null,
    of: null,
  });
  const check = async () => {
    setState({ loading: true, report: null, error: null, of: scopeName });
    try {
      const report = scope === JOINT ? (await request(JOINT_CHAIN, {})).auditChain : (await request(DIVISION_CHAIN, { code: scope })).division?.auditChain;
      setState({ loading: false, report: report ?? null, error: null, of: scopeName });
    } catch (error) {
      setState({ loading: false, report: null, error: asApiError(error), of: scopeName });
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button onClick={() => void check()} loading={state.loading}>
        校验审计链
      </Button>
      {state.error && <Alert type="error" showIcon title={state.error.message} />}
      {state.report && (
        <Alert
          data-testid="chain-report"
          type={state.report.ok ? 'success' : 'error'}
          showIcon
          title={state.report.ok ? `${state.of}审计链完整` : `${state.of}审计链已断裂`}
          description={
            <Descriptions size="small" column={3}>
              <Descriptions.Item label="记录条数">{state.report.length}</Descriptions.Item>
              <Descriptions.Item label="首个断裂处">{state.report.firstBrokenAt ?? '无'}</Descriptions.Item>
              <Descriptions.Item label="被拒绝的操作">{state.report.refusals}</Descriptions.Item>
            </Descriptions>
          }
        />
      )}
    </Space>
  );
}

/** 审计日志 — the joint office's and each division's hash-chained logs, filtered as the API allows. */
export function AuditTrail() {
  const divisions = useQuery(DIVISIONS, {});
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({ scope: JOINT, refused: 'all' });
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [streams, setStreams] = useState<Stream[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const ticket = useRef(0);

  const scopeOptions = useMemo(
    () => [
      { value: JOINT, label: '联席办（联合抽查）' },
      ...(divisions.data?.divisions ?? []).map((division) => ({ value: division.code, label: `${division.name}（${division.code}）` })),
    ],
    [divisions.data],
  );
  const scopeName = scopeOptions.find((option) => option.value === filters.scope)?.label ?? filters.scope;

  const load = useCallback(async (current: Filters, from: Stream[], loaded: AuditEntry[]) => {
    const mine = ++ticket.current;
    setLoading(true);
    setError(null);
    const start = current.range?.[0]?.format('YYYY-MM-DD') ?? null;
    let next = from.map((stream) => ({ ...stream }));
    const seen = new Map(loaded.map((entry) => [entry.seq, entry]));
    try {
      for (let round = 0; round < MAX_PAGES_FOR_RANGE; round++) {
        const due = next.filter((stream) => stream.hasNext && (round === 0 || (start !== null && stream.oldest !== null && dayOf(stream.oldest) >= start)));
        if (due.length === 0) break;
        const pages = await Promise.all(due.map((stream) => readPage(current.scope, stream.filter, stream.after)));
        next = next.map((stream) => {
          const index = due.indexOf(stream);
          if (index < 0) return stream;
          const page = pages[index]!;
          for (const { node } of page.edges) seen.set(node.seq, node);
          const last = page.edges[page.edges.length - 1]?.node.at ?? stream.oldest;
          return { ...stream, after: page.pageInfo.endCursor, hasNext: page.pageInfo.hasNextPage, total: page.totalCount, oldest: last };
        });
        if (start === null) break;
      }
      if (mine !== ticket.current) return;
      setStreams(next);
      setEntries([...seen.values()].sort((a, b) => b.seq - a.seq));
    } catch (failure) {
      if (mine === ticket.current) setError(asApiError(failure));
    } finally {
      if (mine === ticket.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(filters, streamsOf(filters), []);
  }, [filters, load]);

  const range = filters.range;
  const from = range?.[0]?.format('YYYY-MM-DD') ?? null;
  const to = range?.[1]?.format('YYYY-MM-DD') ?? null;
  const shown = entries.filter((entry) => (!from || dayOf(entry.at) >= from) && (!to || dayOf(entry.at) <= to));
  const total = streams.reduce((sum, stream) => sum + stream.total, 0);
  const more = streams.some((stream) => stream.hasNext);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Form
        form={form}
        layout="inline"
        initialValues={filters}
        onFinish={(values) => setFilters({ ...values })}
        style={{ rowGap: 12 }}
        aria-label="审计日志筛选"
      >
        <Form.Item name="scope" label="范围">
          <Select options={scopeOptions} style={{ width: 200 }} loading={divisions.loading} aria-label="范围" />
        </Form.Item>
        <Form.Item name="task" label="任务编号" tooltip="该任务及其检查对象（分配）的全部记录">
          <Input placeholder="如 T2026-0001" allowClear style={{ width: 150 }} />
        </Form.Item>
        <Form.Item
          name="subject"
          label="对象"
          tooltip="精确的对象标识，或以 * 结尾的前缀，如 task:T2026-0001*"
          dependencies={['task']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_rule, value: string | undefined) =>
                value && getFieldValue('task') ? Promise.reject(new Error('已按任务编号筛选时不能再填对象')) : Promise.resolve(),
            }),
          ]}
        >
          <Input placeholder="如 entity:91… 或 task:T2026-*" allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="action" label="操作">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="全部操作"
            style={{ width: 170 }}
            options={Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label }))}
            aria-label="操作"
          />
        </Form.Item>
        <Form.Item name="actor" label="操作人" tooltip="令牌主体（账号标识）">
          <Input placeholder="账号标识" allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="refused" label="类别">
          <Select
            style={{ width: 140 }}
            options={[
              { value: 'all', label: '全部' },
              { value: 'changes', label: '仅已执行的变更' },
              { value: 'refused', label: '仅被拒绝的操作' },
            ]}
            aria-label="类别"
          />
        </Form.Item>
        <Form.Item name="range" label="日期" tooltip="接口不按日期筛选：按日期查看时，逐页读取直至起始日期之前">
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({ scope: JOINT, refused: 'all' });
              }}
            >
              重置
            </Button>
          </Space>
        </Form.Item>
      </Form>

      <ChainCheck scope={filters.scope} scopeName={scopeName} />

      {error && <Alert type="error" showIcon title={error.message} />}

      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        loading={loading}
        dataSource={shown}
        pagination={false}
        locale={{ emptyText: <Empty description="暂无审计记录" /> }}
        scroll={{ x: 1000 }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 70 },
          { title: '时间', dataIndex: 'at', width: 160, render: (at: string) => shortTime(at) },
          {
            title: '操作人',
            key: 'actor',
            width: 150,
            render: (_value, entry) => (
              <span title={entry.actor}>
                {entry.actorName ?? entry.actor}
                {entry.actorName && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {entry.actor}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          { title: '角色', dataIndex: 'role', width: 110, render: (role: string, entry) => roleLabel(role) + (entry.division ? `（${entry.division}）` : '') },
          {
            title: '操作',
            dataIndex: 'action',
            width: 130,
            render: (action: string) => (
              <Tag color={ACTION_LABELS[action] ? 'blue' : 'default'} title={action}>
                {actionLabel(action)}
              </Tag>
            ),
          },
          {
            title: '对象',
            dataIndex: 'subject',
            width: 230,
            render: (subject: string) => <Typography.Text copyable={{ text: subject }}>{subject}</Typography.Text>,
          },
          { title: '变更（修改前 → 修改后）', key: 'changes', render: (_value, entry) => <ChangeList entry={entry} /> },
        ]}
      />
      <Space>
        <Typography.Text type="secondary" data-testid="audit-count">
          {from || to ? `所选日期内 ${shown.length} 条；` : ''}已加载 {entries.length} 条，共 {total} 条
        </Typography.Text>
        {more && (
          <Button onClick={() => void load(filters, streams, entries)} loading={loading}>
            加载更多
          </Button>
        )}
      </Space>
    </Space>
  );
}
