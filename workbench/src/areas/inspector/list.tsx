import { Alert, Button, Card, Empty, Flex, Space, Spin, Tag, Typography } from 'antd';
import { useQuery } from '../../api/client';
import { Link } from '../../router';
import { MY_ASSIGNMENTS, TASK_STATUS_LABELS, type MyAssignment } from './operations';
import { addressOf, resultSummary } from './shared';

/** 我的检查任务 — the entities the signed-in inspector's teams were drawn for, newest task first. */
export function AssignmentList() {
  const { data, error, loading, reload } = useQuery(MY_ASSIGNMENTS, { first: 100 });
  const assignments = data?.myAssignments.edges.map((edge) => edge.node) ?? [];
  return (
    <Flex vertical gap={12} style={{ maxWidth: 880, margin: '0 auto' }}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          我的检查任务
        </Typography.Title>
        <Button onClick={reload} loading={loading}>
          刷新
        </Button>
      </Flex>
      {error && <Alert type="error" showIcon message="加载失败" description={error.message} />}
      {loading && !data && (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin tip="正在加载…">
            <div style={{ width: 120, height: 40 }} />
          </Spin>
        </Flex>
      )}
      {data && assignments.length === 0 && <Empty description="暂无检查任务" />}
      {assignments.map((assignment) => (
        <AssignmentCard key={assignment.id} assignment={assignment} />
      ))}
    </Flex>
  );
}

function AssignmentCard({ assignment }: { assignment: MyAssignment }) {
  const summary = resultSummary(assignment);
  return (
    <Card
      size="small"
      data-testid={`assignment-${assignment.id}`}
      title={
        <Link to={`/inspector/assignments/${encodeURIComponent(assignment.id)}`} style={{ whiteSpace: 'normal' }}>
          {assignment.entityName}
        </Link>
      }
      extra={<Tag>{TASK_STATUS_LABELS[assignment.task.status]}</Tag>}
    >
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{assignment.task.name}</Typography.Text>
        <Typography.Text>统一社会信用代码：{assignment.uscc}</Typography.Text>
        <Typography.Text>地址：{addressOf(assignment) ?? '—'}</Typography.Text>
        <Typography.Text>
          检查期间：{assignment.task.periodStart} 至 {assignment.task.periodEnd}
        </Typography.Text>
        {assignment.task.resultsDueBy && <Typography.Text>结果公示期限：{assignment.task.resultsDueBy}</Typography.Text>}
        <Space wrap size={[4, 4]}>
          <Tag color={summary.recorded === summary.total ? 'success' : 'warning'}>
            已录入 {summary.recorded}/{summary.total}
          </Tag>
          {summary.pending > 0 && <Tag color="processing">待审核 {summary.pending}</Tag>}
          {summary.approved > 0 && <Tag color="success">已通过 {summary.approved}</Tag>}
          {summary.returned > 0 && <Tag color="error">已退回 {summary.returned}</Tag>}
        </Space>
        <Link to={`/inspector/assignments/${encodeURIComponent(assignment.id)}`}>
          <Button type="primary" block>
            打开检查
          </Button>
        </Link>
      </Space>
    </Card>
  );
}
