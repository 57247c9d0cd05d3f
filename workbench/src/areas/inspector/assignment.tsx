import { Alert, Button, Card, Descriptions, Empty, Flex, Grid, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useQuery } from '../../api/client';
import type { Viewer } from '../../auth/session';
import { Link } from '../../router';
import {
  DISCLOSURE_LABELS,
  FOLLOW_UP_LABELS,
  MY_ASSIGNMENTS,
  REVIEW_COLORS,
  REVIEW_LABELS,
  TASK_STATUS_LABELS,
  type AssignmentItem,
  type MyAssignment,
  type Result,
} from './operations';
import { ResultForm } from './result-form';
import { addressOf, resultOf, shortTime } from './shared';

/** One entity of the inspector's teams: where to go, what to check, with whom, and a result form per item of their division. */
export function AssignmentPage({ id, viewer }: { id: string; viewer: Viewer }) {
  const { data, error, loading, reload } = useQuery(MY_ASSIGNMENTS, { first: 100 });
  const screens = Grid.useBreakpoint();
  const assignment = data?.myAssignments.edges.map((edge) => edge.node).find((node) => node.id === id) ?? null;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 880, margin: '0 auto' }}>
      <Link to="/inspector">← 返回我的检查任务</Link>
      {error && <Alert type="error" showIcon message="加载失败" description={error.message} />}
      {loading && !data && (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin tip="正在加载…">
            <div style={{ width: 120, height: 40 }} />
          </Spin>
        </Flex>
      )}
      {data && !assignment && <Empty description={`暂无编号为 ${id} 的检查对象（不在您的检查任务中）`} />}
      {assignment && (
        <>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {assignment.entityName}
          </Typography.Title>
          <Descriptions size="small" bordered column={screens.md ? 2 : 1}>
            <Descriptions.Item label="抽查任务">{assignment.task.name}</Descriptions.Item>
            <Descriptions.Item label="任务状态">{TASK_STATUS_LABELS[assignment.task.status]}</Descriptions.Item>
            <Descriptions.Item label="统一社会信用代码">{assignment.uscc}</Descriptions.Item>
            <Descriptions.Item label="地址">{addressOf(assignment) ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="检查期间">
              {assignment.task.periodStart} 至 {assignment.task.periodEnd}
            </Descriptions.Item>
            <Descriptions.Item label="结果公示期限">{assignment.task.resultsDueBy ?? '首个结果录入后计算'}</Descriptions.Item>
          </Descriptions>
          <Card size="small" title="检查组">
            <Flex vertical gap={4}>
              {assignment.inspectors.map(
                (member) =>
                  member && (
                    <Typography.Text key={`${member.division}-${member.id}`}>
                      {member.name}（{member.division} · {member.unit} {member.position}）
                      {assignment.leader?.division === member.division && assignment.leader.id === member.id && <Tag style={{ marginLeft: 4 }}>组长</Tag>}
                      {member.division === viewer.division && member.id === viewer.inspector && <Tag color="blue">本人</Tag>}
                    </Typography.Text>
                  ),
              )}
            </Flex>
          </Card>
          {assignment.items.map(
            (item) => item && <ItemCard key={`${item.division}-${item.code}`} assignment={assignment} item={item} viewer={viewer} onSaved={reload} />,
          )}
        </>
      )}
    </Flex>
  );
}

function ItemCard({ assignment, item, viewer, onSaved }: { assignment: MyAssignment; item: AssignmentItem; viewer: Viewer; onSaved(): void }) {
  const result = resultOf(assignment, item);
  const own = item.division === viewer.division;
  const mine = !result || (result.recordedBy?.division === viewer.division && result.recordedBy.id === viewer.inspector);
  const published = assignment.task.status === 'PUBLISHED';
  const open = assignment.task.status === 'DRAWN';
  const [editing, setEditing] = useState(false);
  let body;
  if (own && open && mine && (!result || editing)) {
    body = (
      <ResultForm
        assignment={assignment.id}
        item={item}
        previous={result}
        onSaved={() => {
          setEditing(false);
          onSaved();
        }}
        onCancel={result ? () => setEditing(false) : undefined}
      />
    );
  } else if (own && published && result && mine && editing) {
    body = (
      <ResultForm
        assignment={assignment.id}
        item={item}
        previous={result}
        amend
        onSaved={() => {
          setEditing(false);
          onSaved();
        }}
        onCancel={() => setEditing(false)}
      />
    );
  } else if (result) {
    body = (
      <>
        <RecordedResult result={result} />
        {own && mine && open && (
          <Button style={{ marginTop: 8 }} type={result.review.status === 'RETURNED' ? 'primary' : 'default'} onClick={() => setEditing(true)}>
            {result.review.status === 'RETURNED' ? '重新录入' : '更正结果'}
          </Button>
        )}
        {own && mine && published && result.amendment?.review.status !== 'PENDING' && (
          <Button style={{ marginTop: 8 }} onClick={() => setEditing(true)}>
            申请更正
          </Button>
        )}
      </>
    );
  } else {
    body = <Typography.Text type="secondary">{own ? '任务当前不可录入结果' : `暂无结果（由 ${item.division} 的检查人员录入）`}</Typography.Text>;
  }
  return (
    <Card size="small" data-item={item.code} title={<span style={{ whiteSpace: 'normal' }}>{`${item.code} ${item.name}`}</span>}>
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="检查内容">{item.content}</Descriptions.Item>
        <Descriptions.Item label="检查方法">{item.method}</Descriptions.Item>
        <Descriptions.Item label="抽查依据">{item.basis}</Descriptions.Item>
      </Descriptions>
      {body}
    </Card>
  );
}

/** A recorded result, read-only, with where it stands in 法制审核. */
function RecordedResult({ result }: { result: Result }) {
  const { review } = result;
  return (
    <Flex vertical gap={8} data-testid="recorded-result">
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>检查结果</Typography.Text>
        <Tag color={REVIEW_COLORS[review.status]}>{REVIEW_LABELS[review.status]}</Tag>
      </Flex>
      {review.status === 'RETURNED' && (
        <Alert type="error" showIcon message="审核退回" description={`审核意见：${review.note ?? '—'}（${review.by?.name ?? ''} ${shortTime(review.at)}）`} />
      )}
      {review.status === 'APPROVED' && review.note && <Alert type="success" showIcon message={`审核意见：${review.note}`} />}
      <Descriptions size="small" bordered column={1}>
        <Descriptions.Item label="检查结果">{result.outcomeLabel}</Descriptions.Item>
        <Descriptions.Item label="检查情况">{result.findings ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="检查方式">{result.method}</Descriptions.Item>
        <Descriptions.Item label="检查日期">{result.inspectedOn}</Descriptions.Item>
        <Descriptions.Item label="后续处理">{followUpText(result)}</Descriptions.Item>
        <Descriptions.Item label="公示">{disclosureText(result)}</Descriptions.Item>
        <Descriptions.Item label="录入人">
          {result.recordedBy?.name ?? '—'} {shortTime(result.recordedAt)}
        </Descriptions.Item>
      </Descriptions>
      {result.amendment && (
        <Alert
          type={result.amendment.review.status === 'RETURNED' ? 'error' : 'info'}
          showIcon
          message={`更正申请（${REVIEW_LABELS[result.amendment.review.status]}）：${result.amendment.outcomeLabel}`}
          description={`更正原因：${result.amendment.reason}${result.amendment.review.note ? `；审核意见：${result.amendment.review.note}` : ''}`}
        />
      )}
    </Flex>
  );
}

function followUpText(result: Result): string {
  const label = FOLLOW_UP_LABELS[result.followUp];
  return result.referredTo ? `${label}（${result.referredTo}）` : label;
}

function disclosureText(result: Result): string {
  return DISCLOSURE_LABELS[result.disclosure];
}
