import { Alert, App, Button, Card, Descriptions, Input, Popconfirm, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { asApiError, request, useQuery, type Operation } from '../../api/client';
import { Link } from '../../router';
import { isOverdue, percent } from './format';
import { CANCEL_TASK, COMMIT_TASK, DRAW_TASK, KIND_LABELS, PUBLISH_TASK, STATUS_LABELS, TASK, type TaskAssignment, type TaskDetail } from './operations';
import { PoolPreview } from './pool-preview';

/** One task: what it is, what comes next for it (commit, draw, publish, cancel), and once drawn its assignments. */
export function TaskPage({ id }: { id: string }) {
  const { data, error, loading, reload } = useQuery(TASK, { id });
  const task = data?.inspectionTask;
  if (loading && !task) return <Spin />;
  if (error) return <Alert type="error" showIcon message={error.message} />;
  if (!task) return <Result status="404" title="没有这个任务" subTitle={`任务 ${id} 不存在。`} />;
  const status = STATUS_LABELS[task.status];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span>{task.name}</span>
            <Tag color={status.color}>{status.label}</Tag>
            {isOverdue(task) && <Tag color="red">逾期</Tag>}
          </Space>
        }
        extra={
          <Typography.Link href={`/tasks/${encodeURIComponent(task.id)}/draw`} target="_blank">
            公示页面
          </Typography.Link>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label="编号">{task.id}</Descriptions.Item>
          <Descriptions.Item label="类型">
            {KIND_LABELS[task.kind]}
            {task.isJoint ? '（联合）' : ''}
          </Descriptions.Item>
          <Descriptions.Item label="参与部门">{task.divisions.map((division) => division?.name ?? '（不可用）').join('、')}</Descriptions.Item>
          <Descriptions.Item label="检查事项">{task.items.map((item) => (item ? `${item.code} ${item.name}` : '（不可用）')).join('；')}</Descriptions.Item>
          <Descriptions.Item label="抽查比例">
            一般风险 {percent(task.ratioBp)}，高风险 {percent(task.highRiskRatioBp)}；每户每部门 {task.inspectorsPerDivision} 人
          </Descriptions.Item>
          <Descriptions.Item label="检查期间">
            {task.periodStart} 至 {task.periodEnd}
          </Descriptions.Item>
          <Descriptions.Item label="结果公示期限">{task.resultsDueBy ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="随机源声明">{task.beacon ? `${task.beacon.source}（${task.beacon.date}）` : '未声明'}</Descriptions.Item>
          {task.seedCommitment && (
            <Descriptions.Item label="种子承诺值" span={2}>
              <Typography.Text code copyable>
                {task.seedCommitment}
              </Typography.Text>
            </Descriptions.Item>
          )}
          {task.progress && (
            <Descriptions.Item label="结果录入">
              已录入 {task.progress.recorded}，已审核 {task.progress.reviewed}，应录入 {task.progress.total}（{task.progress.assignmentsComplete} /{' '}
              {task.progress.assignments} 户完成）
            </Descriptions.Item>
          )}
          {task.cancellation && (
            <Descriptions.Item label="撤销" span={2}>
              理由：{task.cancellation.reason}；申请人：{task.cancellation.requestedBy?.name ?? '—'}
              {task.cancellation.approvedBy ? `；批准人：${task.cancellation.approvedBy.name}` : ''}
              {task.cancellation.note ? `；意见：${task.cancellation.note}` : ''}
            </Descriptions.Item>
          )}
        </Descriptions>
        {task.warnings.map((warning) => (
          <Alert key={warning.code + warning.message} type="warning" showIcon message={warning.message} style={{ marginTop: 12 }} />
        ))}
      </Card>
      <NextStep task={task} onDone={reload} />
      {task.status === 'DRAFT' && <PoolPreview taskId={task.id} />}
      {task.draw && (
        <Card title="抽取结果">
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="抽取时间">{new Date(task.draw.drawnAt).toLocaleString('zh-CN')}</Descriptions.Item>
            <Descriptions.Item label="算法">{task.draw.algorithm}</Descriptions.Item>
            <Descriptions.Item label="随机源数值">{task.draw.beacon}</Descriptions.Item>
            <Descriptions.Item label="检查对象库">{task.draw.poolSize} 户</Descriptions.Item>
            <Descriptions.Item label="抽中">
              {task.draw.selectedCount} 户（其中高风险 {task.draw.highRiskSelectedCount} 户）
            </Descriptions.Item>
          </Descriptions>
          <AssignmentTable assignments={task.assignments?.edges.map((edge) => edge.node) ?? []} />
        </Card>
      )}
    </Space>
  );
}

function AssignmentTable({ assignments }: { assignments: TaskAssignment[] }) {
  return (
    <Table<TaskAssignment>
      rowKey="id"
      size="small"
      dataSource={assignments}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 900 }}
      locale={{ emptyText: '暂无检查对象' }}
      columns={[
        { title: '检查对象', render: (_, a) => `${a.entityName}（${a.uscc}）` },
        { title: '风险', render: (_, a) => `${a.stratum === 'HIGH_RISK' ? '高风险' : '一般'}${a.riskClass ? ` · ${a.riskClass} 类` : ''}` },
        { title: '检查事项', render: (_, a) => a.items.map((item) => item?.code ?? '—').join('、') },
        {
          title: '检查组',
          render: (_, a) =>
            a.inspectors
              .map((inspector) => (inspector ? `${inspector.name}（${inspector.division}）${a.leader?.id === inspector.id ? '·组长' : ''}` : '—'))
              .join('、'),
        },
        { title: '结果', render: (_, a) => (a.complete ? <Tag color="green">已录入</Tag> : <Tag>待录入</Tag>) },
      ]}
    />
  );
}

/** What the coordinator can do with the task in its current state; the API refuses anything else and says why. */
function NextStep({ task, onDone }: { task: TaskDetail; onDone(): void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [beacon, setBeacon] = useState('');
  const [reason, setReason] = useState('');
  const run = async <T,>(op: Operation<T, Record<string, unknown>>, variables: Record<string, unknown>, done: string) => {
    setBusy(true);
    setFailure(null);
    try {
      await request(op, variables);
      message.success(done);
      onDone();
    } catch (error) {
      setFailure(asApiError(error).message);
    } finally {
      setBusy(false);
    }
  };
  const asOp = <T, V>(op: Operation<T, V>) => op as unknown as Operation<T, Record<string, unknown>>;
  const cancellable = task.status === 'DRAFT' || task.status === 'COMMITTED' || task.status === 'DRAWN';
  return (
    <Card title="下一步">
      <Space direction="vertical" style={{ width: '100%' }}>
        {failure && <Alert type="error" showIcon message={failure} />}
        {task.status === 'DRAFT' && (
          <Space wrap>
            <Typography.Text>确定后，检查事项、检查对象库和随机源声明即固定并公布种子承诺值，不能再修改。</Typography.Text>
            <Popconfirm
              title="确定此任务？确定后不能再修改。"
              okText="确定"
              cancelText="取消"
              onConfirm={() => run(asOp(COMMIT_TASK), { id: task.id }, '任务已确定')}
            >
              <Button type="primary" loading={busy}>
                确定任务（固定检查对象库）
              </Button>
            </Popconfirm>
          </Space>
        )}
        {task.status === 'COMMITTED' && (
          <Space wrap>
            <Typography.Text>随机源：{task.beacon ? `${task.beacon.source}（${task.beacon.date}）` : '未声明'}。请输入公布的数值：</Typography.Text>
            <Input value={beacon} onChange={(event) => setBeacon(event.target.value)} placeholder="例如 4 7 1" style={{ width: 180 }} aria-label="随机源数值" />
            <Button
              type="primary"
              loading={busy}
              disabled={!beacon.trim()}
              onClick={() => run(asOp(DRAW_TASK), { id: task.id, beacon: beacon.trim() }, '抽取完成')}
            >
              抽取
            </Button>
          </Space>
        )}
        {task.status === 'DRAWN' && (
          <Space wrap>
            <Typography.Text>全部结果录入并经法制审核通过后，可以公示。</Typography.Text>
            <Popconfirm title="公示此任务的检查结果？" okText="公示" cancelText="取消" onConfirm={() => run(asOp(PUBLISH_TASK), { id: task.id }, '结果已公示')}>
              <Button type="primary" loading={busy}>
                公示结果
              </Button>
            </Popconfirm>
          </Space>
        )}
        {task.status === 'CANCELLATION_REQUESTED' && <Typography.Text>撤销申请已提交，等待督查审批。</Typography.Text>}
        {task.status === 'PUBLISHED' && (
          <Typography.Text>
            结果已公示。<Link to="/coordinator">返回任务列表</Link>
          </Typography.Text>
        )}
        {task.status === 'CANCELLED' && <Typography.Text>任务已撤销。</Typography.Text>}
        {cancellable && (
          <Space wrap>
            <Input value={reason} onChange={(event) => setReason(event.target.value)} placeholder="撤销理由" style={{ width: 260 }} aria-label="撤销理由" />
            <Button
              danger
              loading={busy}
              disabled={!reason.trim()}
              onClick={() => run(asOp(CANCEL_TASK), { id: task.id, reason: reason.trim() }, '已提交撤销')}
            >
              {task.status === 'DRAFT' ? '撤销任务' : '申请撤销'}
            </Button>
          </Space>
        )}
      </Space>
    </Card>
  );
}
