import { Alert, App, Button, Empty, Form, Input, Modal, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { asApiError, request, type ApiError } from '../../api/client';
import { shortTime, STATUS_COLORS, STATUS_LABELS } from './labels';
import { APPROVE_CANCELLATION, REJECT_CANCELLATION, TASKS, type TaskRow, type TaskVars } from './operations';

const PAGE_SIZE = 100;

/** Tasks of a filter, page after page on 加载更多 (or all of them, for counting). */
function useTasks(filter: Omit<TaskVars, 'first' | 'after'>, options: { all?: boolean } = {}) {
  const [state, setState] = useState<{ rows: TaskRow[]; total: number; after: string | null; more: boolean; loading: boolean; error: ApiError | null }>({
    rows: [],
    total: 0,
    after: null,
    more: false,
    loading: true,
    error: null,
  });
  const key = JSON.stringify(filter);
  const ticket = useRef(0);
  const load = useCallback(
    async (after: string | null, rows: TaskRow[]) => {
      const mine = ++ticket.current;
      setState((previous) => ({ ...previous, loading: true, error: null }));
      try {
        let cursor = after;
        let all = rows;
        for (;;) {
          const page = (await request(TASKS, { ...(JSON.parse(key) as TaskVars), first: PAGE_SIZE, after: cursor })).inspectionTasks;
          all = [...all, ...page.edges.map((edge) => edge.node)];
          cursor = page.pageInfo.endCursor;
          if (!options.all || !page.pageInfo.hasNextPage) {
            if (mine === ticket.current)
              setState({ rows: all, total: page.totalCount, after: cursor, more: page.pageInfo.hasNextPage, loading: false, error: null });
            return;
          }
        }
      } catch (error) {
        if (mine === ticket.current) setState((previous) => ({ ...previous, loading: false, error: asApiError(error) }));
      }
    },
    [key, options.all],
  );
  useEffect(() => {
    void load(null, []);
  }, [load]);
  return { ...state, loadMore: () => void load(state.after, state.rows), reload: () => void load(null, []) };
}

function divisionsOf(task: TaskRow): string {
  return task.divisions
    .filter((division) => division !== null)
    .map((division) => division.name)
    .join('、');
}

function MoreButton({ more, loading, onClick, shown, total }: { more: boolean; loading: boolean; onClick: () => void; shown: number; total: number }) {
  return (
    <Space>
      <Typography.Text type="secondary">
        已显示 {shown} 条，共 {total} 条
      </Typography.Text>
      {more && (
        <Button onClick={onClick} loading={loading}>
          加载更多
        </Button>
      )}
    </Space>
  );
}

/** 逾期任务 — drawn tasks past resultsDueBy and not yet published, with how far their results are. */
export function OverdueTasks() {
  const tasks = useTasks({ overdue: true });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {tasks.error && <Alert type="error" showIcon title={tasks.error.message} />}
      <Table<TaskRow>
        rowKey="id"
        size="small"
        loading={tasks.loading}
        dataSource={tasks.rows}
        pagination={false}
        locale={{ emptyText: <Empty description="暂无逾期任务" /> }}
        columns={[
          { title: '任务编号', dataIndex: 'id', width: 120 },
          { title: '任务名称', dataIndex: 'name' },
          { title: '参与部门', key: 'divisions', render: (_value, task) => divisionsOf(task) },
          {
            title: '状态',
            dataIndex: 'status',
            width: 110,
            render: (status: TaskRow['status']) => <Tag color={STATUS_COLORS[status]}>{STATUS_LABELS[status]}</Tag>,
          },
          {
            title: '结果公示期限',
            dataIndex: 'resultsDueBy',
            width: 120,
            render: (due: string | null) => <Typography.Text type="danger">{due ?? '—'}</Typography.Text>,
          },
          {
            title: '录入进度',
            key: 'progress',
            width: 240,
            render: (_value, task) =>
              task.progress ? (
                <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                  <Progress percent={task.progress.total ? Math.floor((task.progress.recorded / task.progress.total) * 100) : 0} size="small" />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    已录入 {task.progress.recorded} / {task.progress.total}，尚缺 {task.progress.remaining}
                  </Typography.Text>
                </Space>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <MoreButton more={tasks.more} loading={tasks.loading} onClick={tasks.loadMore} shown={tasks.rows.length} total={tasks.total} />
    </Space>
  );
}

function DecisionModal({ task, approve, onClose, onDone }: { task: TaskRow; approve: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const verb = approve ? '批准撤销' : '驳回撤销';
  const submit = async ({ note }: { note: string }) => {
    setBusy(true);
    setError(null);
    try {
      if (approve) await request(APPROVE_CANCELLATION, { id: task.id, note });
      else await request(REJECT_CANCELLATION, { id: task.id, note });
      void message.success(`已${verb}：${task.id}`);
      onDone();
    } catch (failure) {
      const apiError = asApiError(failure);
      if (apiError.field === 'note') form.setFields([{ name: 'note', errors: [apiError.message] }]);
      else setError(apiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`${verb}：${task.id} ${task.name}`}
      okText={verb}
      cancelText="取消"
      okButtonProps={{ danger: approve, loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph>
          撤销原因：{task.cancellation?.reason ?? '—'}
          <br />
          {approve ? '批准后任务撤销，抽取记录（如有）公开。' : '驳回后任务恢复为撤销申请前的状态。'}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error.message} data-testid="decision-error" />}
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
          <Form.Item name="note" label="审批意见" rules={[{ required: true, whitespace: true, message: '请填写审批意见' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}

/** 撤销申请 — cancellations a coordinator requested, for a supervisor (not the requester) to decide. */
export function CancellationRequests() {
  const tasks = useTasks({ status: 'CANCELLATION_REQUESTED' });
  const [deciding, setDeciding] = useState<{ task: TaskRow; approve: boolean } | null>(null);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {tasks.error && <Alert type="error" showIcon title={tasks.error.message} />}
      <Table<TaskRow>
        rowKey="id"
        size="small"
        loading={tasks.loading}
        dataSource={tasks.rows}
        pagination={false}
        locale={{ emptyText: <Empty description="暂无待审批的撤销申请" /> }}
        columns={[
          { title: '任务编号', dataIndex: 'id', width: 120 },
          { title: '任务名称', dataIndex: 'name' },
          { title: '参与部门', key: 'divisions', render: (_value, task) => divisionsOf(task) },
          { title: '撤销原因', key: 'reason', render: (_value, task) => task.cancellation?.reason ?? '—' },
          {
            title: '申请人',
            key: 'by',
            width: 140,
            render: (_value, task) => task.cancellation?.requestedBy?.name ?? task.cancellation?.requestedBy?.sub ?? '—',
          },
          { title: '申请时间', key: 'at', width: 160, render: (_value, task) => shortTime(task.cancellation?.requestedAt) },
          {
            title: '审批',
            key: 'decide',
            width: 170,
            render: (_value, task) => (
              <Space>
                <Button size="small" danger onClick={() => setDeciding({ task, approve: true })}>
                  批准
                </Button>
                <Button size="small" onClick={() => setDeciding({ task, approve: false })}>
                  驳回
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <MoreButton more={tasks.more} loading={tasks.loading} onClick={tasks.loadMore} shown={tasks.rows.length} total={tasks.total} />
      {deciding && (
        <DecisionModal
          task={deciding.task}
          approve={deciding.approve}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            tasks.reload();
          }}
        />
      )}
    </Space>
  );
}

interface DivisionCount {
  code: string;
  name: string;
  total: number;
  published: number;
  open: number;
  cancelled: number;
}

/** 定向任务 — the year's DIRECTED tasks counted per division taking part. */
export function DirectedTasks({ years, year, onYear }: { years: number[]; year: number; onYear: (year: number) => void }) {
  const tasks = useTasks({ year }, { all: true });
  const directed = tasks.rows.filter((task) => task.kind === 'DIRECTED');
  const counts = new Map<string, DivisionCount>();
  for (const task of directed) {
    for (const division of task.divisions) {
      if (!division) continue;
      const count = counts.get(division.code) ?? { code: division.code, name: division.name, total: 0, published: 0, open: 0, cancelled: 0 };
      count.total++;
      if (task.status === 'PUBLISHED') count.published++;
      else if (task.status === 'CANCELLED') count.cancelled++;
      else count.open++;
      counts.set(division.code, count);
    }
  }
  const rows = [...counts.values()].sort((a, b) => b.total - a.total || a.code.localeCompare(b.code));
  const most = Math.max(1, ...rows.map((row) => row.total));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Typography.Text>年度</Typography.Text>
        <Select value={year} onChange={onYear} options={years.map((value) => ({ value, label: `${value}年` }))} style={{ width: 110 }} aria-label="年度" />
        <Typography.Text type="secondary">
          {tasks.loading ? '正在读取任务…' : `本年度共 ${tasks.total} 个任务，其中定向任务 ${directed.length} 个`}
        </Typography.Text>
      </Space>
      {tasks.error && <Alert type="error" showIcon title={tasks.error.message} />}
      <Table<DivisionCount>
        rowKey="code"
        size="small"
        loading={tasks.loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description="暂无定向任务" /> }}
        columns={[
          { title: '部门', key: 'name', render: (_value, row) => `${row.name}（${row.code}）` },
          {
            title: '定向任务数',
            dataIndex: 'total',
            width: 260,
            render: (total: number) => <Progress percent={(total / most) * 100} format={() => `${total}`} size="small" />,
          },
          { title: '已公示', dataIndex: 'published', width: 90 },
          { title: '进行中', dataIndex: 'open', width: 90 },
          { title: '已撤销', dataIndex: 'cancelled', width: 90 },
        ]}
      />
    </Space>
  );
}
