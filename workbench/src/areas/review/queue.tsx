import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Grid, Input, Modal, Progress, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { asApiError, request, type ApiError } from '../../api/client';
import type { Viewer } from '../../auth/session';
import { DISCLOSURE_LABELS, FOLLOW_UP_LABELS } from '../inspector/operations';
import { REVIEW_RESULT, REVIEW_TASKS, TASK_RESULTS, type ReviewResult, type TaskResultsAnswer } from './operations';

/** One result waiting for the viewer's division, with the task and entity it belongs to. */
interface Waiting {
  key: string;
  task: { id: string; name: string };
  assignment: { id: string; uscc: string; entityName: string };
  result: ReviewResult;
}

/**
 * The results of the viewer's division that wait for 法制审核: the API has no queue
 * of its own, so this reads the drawn tasks the division takes part in and their
 * assignments' results, and keeps those of the division's items still pending.
 */
function useWaitingResults(division: string | null) {
  const [waiting, setWaiting] = useState<Waiting[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!division) return;
    let stale = false;
    setError(null);
    setWaiting(null);
    (async () => {
      const tasks = (await request(REVIEW_TASKS, { division })).inspectionTasks.edges.map((edge) => edge.node);
      setProgress({ done: 0, total: tasks.length });
      const found: Waiting[] = [];
      for (const [index, task] of tasks.entries()) {
        for (let after: string | null = null; ;) {
          const answer: TaskResultsAnswer = (await request(TASK_RESULTS, { id: task.id, after })).inspectionTask;
          if (!answer) break;
          for (const { node } of answer.assignments.edges) {
            for (const result of node.results) {
              if (result.item?.division !== division || result.review.status !== 'PENDING') continue;
              found.push({
                key: `${node.id}|${result.item.division}|${result.item.code}`,
                task: { id: task.id, name: task.name },
                assignment: {
                  id: node.id,
                  uscc: node.uscc,
                  entityName: node.entityName,
                },
                result,
              });
            }
          }
          if (!answer.assignments.pageInfo.hasNextPage) break;
          after = answer.assignments.pageInfo.endCursor;
        }
        if (stale) return;
        setProgress({ done: index + 1, total: tasks.length });
      }
      if (!stale) setWaiting(found);
    })().catch((failure: unknown) => !stale && setError(asApiError(failure)));
    return () => {
      stale = true;
    };
  }, [division, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const remove = useCallback((key: string) => setWaiting((list) => list?.filter((entry) => entry.key !== key) ?? null), []);
  return { waiting, error, progress, reload, remove };
}

export function ReviewQueue({ viewer }: { viewer: Viewer }) {
  const { waiting, error, progress, reload, remove } = useWaitingResults(viewer.division);
  const [returning, setReturning] = useState<Waiting | null>(null);
  if (!viewer.division) return <Alert type="warning" showIcon message="您的账号没有所属部门，无法进行法制审核。" />;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 960, margin: '0 auto' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          待审核结果（{viewer.division}）
        </Typography.Title>
        <Button onClick={reload} loading={!waiting && !error}>
          刷新
        </Button>
      </Flex>
      {error && <Alert type="error" showIcon message="加载失败" description={error.message} />}
      {!waiting && !error && (
        <Card size="small">
          <Typography.Text>正在读取本部门参与的已抽取任务…</Typography.Text>
          <Progress percent={progress && progress.total ? Math.round((progress.done / progress.total) * 100) : 0} status="active" />
        </Card>
      )}
      {waiting && waiting.length === 0 && <Empty description="暂无待审核的检查结果" />}
      {waiting && waiting.length > 0 && <Typography.Text type="secondary">共 {waiting.length} 条待审核</Typography.Text>}
      {waiting?.map((entry) => (
        <WaitingCard key={entry.key} entry={entry} onReturn={() => setReturning(entry)} onApproved={() => remove(entry.key)} />
      ))}
      <ReturnDialog
        entry={returning}
        onClose={() => setReturning(null)}
        onReturned={(key) => {
          setReturning(null);
          remove(key);
        }}
      />
    </Flex>
  );
}

function WaitingCard({ entry, onReturn, onApproved }: { entry: Waiting; onReturn(): void; onApproved(): void }) {
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [approving, setApproving] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const { result, assignment } = entry;
  async function approve() {
    setApproving(true);
    setFailure(null);
    try {
      await request(REVIEW_RESULT, {
        assignment: assignment.id,
        item: { division: result.item!.division, code: result.item!.code },
        approve: true,
        note: null,
      });
      message.success('已审核通过');
      onApproved();
    } catch (error) {
      setFailure(asApiError(error));
      setApproving(false);
    }
  }
  return (
    <Card
      size="small"
      data-testid={`review-${assignment.id}-${result.item?.code}`}
      title={<span style={{ whiteSpace: 'normal' }}>{`${assignment.entityName} · ${result.item?.code} ${result.item?.name}`}</span>}
      extra={<Tag color="processing">待审核</Tag>}
    >
      <Descriptions size="small" bordered column={screens.md ? 2 : 1}>
        <Descriptions.Item label="抽查任务">{entry.task.name}</Descriptions.Item>
        <Descriptions.Item label="统一社会信用代码">{assignment.uscc}</Descriptions.Item>
        <Descriptions.Item label="检查结果">{result.outcomeLabel}</Descriptions.Item>
        <Descriptions.Item label="检查方式">{result.method}</Descriptions.Item>
        <Descriptions.Item label="检查情况" span={screens.md ? 2 : 1}>
          {result.findings ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label="检查日期">{result.inspectedOn}</Descriptions.Item>
        <Descriptions.Item label="后续处理">
          {FOLLOW_UP_LABELS[result.followUp]}
          {result.referredTo ? `（${result.referredTo}）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="公示">{DISCLOSURE_LABELS[result.disclosure]}</Descriptions.Item>
        <Descriptions.Item label="录入人">
          {result.recordedBy ? `执法检查人员 ${result.recordedBy.id}` : '—'} {result.recordedAt.slice(0, 16).replace('T', ' ')}
        </Descriptions.Item>
      </Descriptions>
      {failure && <Alert type="error" showIcon message={failure.message} style={{ marginTop: 8 }} />}
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" loading={approving} onClick={() => void approve()}>
          审核通过
        </Button>
        <Button danger onClick={onReturn}>
          退回
        </Button>
      </Space>
    </Card>
  );
}

function ReturnDialog({ entry, onClose, onReturned }: { entry: Waiting | null; onClose(): void; onReturned(key: string): void }) {
  const [form] = Form.useForm<{ note: string }>();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  async function submit({ note }: { note: string }) {
    if (!entry) return;
    setSaving(true);
    setFailure(null);
    try {
      const item = { division: entry.result.item!.division, code: entry.result.item!.code };
      await request(REVIEW_RESULT, { assignment: entry.assignment.id, item, approve: false, note: note.trim() });
      message.success('已退回录入人');
      form.resetFields();
      onReturned(entry.key);
    } catch (error) {
      const apiError = asApiError(error);
      setFailure(apiError);
      if (apiError.field === 'note') form.setFields([{ name: 'note', errors: [apiError.message] }]);
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal
      open={!!entry}
      title={entry ? `退回：${entry.assignment.entityName} · ${entry.result.item?.code}` : '退回'}
      okText="确认退回"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: saving }}
      onOk={() => form.submit()}
      onCancel={() => {
        setFailure(null);
        onClose();
      }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} preserve={false}>
        <Form.Item name="note" label="审核意见" rules={[{ required: true, whitespace: true, message: '退回时须填写审核意见' }]}>
          <Input.TextArea rows={4} placeholder="请写明退回原因及需要更正的内容" />
        </Form.Item>
      </Form>
      {failure && <Alert type="error" showIcon message={failure.message} />}
    </Modal>
  );
}
