import { Alert, Button, Card, Descriptions, Space, Table, Typography } from 'antd';
import { operation, useQuery } from '../../api/client';

interface Preview {
  targets: number;
  excluded: number;
  divisions: { division: string; targets: number; inspectors: number }[];
  countsByClass: { riskClass: string; count: number }[];
}

const POOL_PREVIEW = operation<{ inspectionTask: { poolPreview: Preview | null } | null }, { id: string }>(`query WorkbenchPoolPreview($id: ID!) {
  inspectionTask(id: $id) { poolPreview { targets excluded divisions { division targets inspectors } countsByClass { riskClass count } } }
}`);

const CLASS_NAMES: Record<string, string> = { A: 'A 类（低风险）', B: 'B 类（一般）', C: 'C 类（较高）', D: 'D 类（高风险）' };

/** 抽取池预览: what the pool would hold if the draft were committed now, per division and per credit-risk class. */
export function PoolPreview({ taskId }: { taskId: string }) {
  const { data, error, loading, reload } = useQuery(POOL_PREVIEW, { id: taskId });
  const preview = data?.inspectionTask?.poolPreview;
  return (
    <Card
      title="抽取池预览（确定前）"
      extra={
        <Button size="small" onClick={reload}>
          刷新
        </Button>
      }
    >
      {error && <Alert type="error" showIcon message={error.message} />}
      {loading && !preview && <Typography.Text>正在读取各部门名录库…</Typography.Text>}
      {preview && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="检查对象">{preview.targets} 户</Descriptions.Item>
            <Descriptions.Item label="本年度已被抽查而排除">{preview.excluded} 户</Descriptions.Item>
          </Descriptions>
          <Table
            rowKey="division"
            size="small"
            pagination={false}
            dataSource={preview.divisions}
            columns={[
              { title: '部门', dataIndex: 'division' },
              { title: '检查对象（户）', dataIndex: 'targets' },
              { title: '可参加的执法人员（人）', dataIndex: 'inspectors' },
            ]}
          />
          <Table
            rowKey="riskClass"
            size="small"
            pagination={false}
            dataSource={preview.countsByClass}
            columns={[
              { title: '信用风险分类', dataIndex: 'riskClass', render: (value: string) => CLASS_NAMES[value] ?? value },
              { title: '检查对象（户）', dataIndex: 'count' },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
