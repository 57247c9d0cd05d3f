import { Alert, Button, Card, Input, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useQuery } from '../../api/client';
import { Link, navigate } from '../../router';
import { isOverdue } from './format';
import { KIND_LABELS, STATUS_LABELS, TASKS, type TaskRow, type TaskStatus } from './operations';

const PAGE = 20;

/** 任务列表: every task with its status, progress and deadline; overdue ones marked. */
export function TaskListPage() {
  const [status, setStatus] = useState<TaskStatus | undefined>();
  const [search, setSearch] = useState('');
  const [overdue, setOverdue] = useState<boolean | undefined>();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const { data, error, loading } = useQuery(TASKS, { status, search: search || undefined, overdue, first: PAGE, after });
  const connection = data?.inspectionTasks;
  const reset = () => setCursors([null]);
  return (
    <Card
      title="检查任务"
      extra={
        <Button type="primary" onClick={() => navigate('/coordinator/new')}>
          新建联合检查任务
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="任务名称或编号"
          allowClear
          onSearch={(value) => {
            setSearch(value.trim());
            reset();
          }}
          style={{ width: 260 }}
          aria-label="搜索任务"
        />
        <Select
          placeholder="全部状态"
          allowClear
          style={{ width: 160 }}
          value={status}
          onChange={(value) => {
            setStatus(value);
            reset();
          }}
          options={Object.entries(STATUS_LABELS).map(([value, { label }]) => ({ value, label }))}
          aria-label="任务状态"
        />
        <Select
          placeholder="是否逾期"
          allowClear
          style={{ width: 140 }}
          value={overdue}
          onChange={(value) => {
            setOverdue(value);
            reset();
          }}
          options={[
            { value: true, label: '仅逾期' },
            { value: false, label: '未逾期' },
          ]}
          aria-label="是否逾期"
        />
      </Space>
      {error && <Alert type="error" showIcon message={error.message} style={{ marginBottom: 16 }} />}
      <Table<TaskRow>
        rowKey="id"
        loading={loading}
        dataSource={connection?.edges.map((edge) => edge.node) ?? []}
        pagination={false}
        locale={{ emptyText: '暂无检查任务' }}
        scroll={{ x: 900 }}
        columns={[
          { title: '编号', dataIndex: 'id', render: (id: string) => <Link to={`/coordinator/tasks/${id}`}>{id}</Link> },
          { title: '任务名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind', render: (kind: TaskRow['kind'], task) => `${KIND_LABELS[kind]}${task.isJoint ? '（联合）' : ''}` },
          {
            title: '状态',
            dataIndex: 'status',
            render: (value: TaskStatus, task) => (
              <Space size={4}>
                <Tag color={STATUS_LABELS[value].color}>{STATUS_LABELS[value].label}</Tag>
                {isOverdue(task) && <Tag color="red">逾期</Tag>}
              </Space>
            ),
          },
          { title: '参与部门', render: (_, task) => task.divisions.map((division) => division?.name ?? '（不可用）').join('、') },
          { title: '检查期间', render: (_, task) => `${task.periodStart} 至 ${task.periodEnd}` },
          { title: '结果公示期限', dataIndex: 'resultsDueBy', render: (due: string | null) => due ?? '—' },
          {
            title: '进度（已录入/已审核/应录入）',
            render: (_, task) =>
              task.progress && task.progress.total > 0 ? (
                <Space direction="vertical" size={0} style={{ minWidth: 140 }}>
                  <Typography.Text>
                    {task.progress.recorded} / {task.progress.reviewed} / {task.progress.total}
                  </Typography.Text>
                  <Progress percent={Math.round((task.progress.recorded / task.progress.total) * 100)} size="small" showInfo={false} />
                </Space>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">共 {connection?.totalCount ?? 0} 项</Typography.Text>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          上一页
        </Button>
        <Button disabled={!connection?.pageInfo.hasNextPage} onClick={() => setCursors([...cursors, connection!.pageInfo.endCursor])}>
          下一页
        </Button>
      </Space>
    </Card>
  );
}
