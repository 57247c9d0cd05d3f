import { Alert, Card, Table, Tag, Typography } from 'antd';
import { useQuery } from '../../api/client';
import { percent } from './labels';
import { CHECKLIST, type CheckItem } from './operations';

/** 检查事项: the division's item list, withdrawn items too, as published. */
export function ItemsPage({ division }: { division: string }) {
  const { data, error, loading } = useQuery(CHECKLIST, { division });
  const items = data?.division?.checklist ?? [];
  return (
    <Card title={`抽查事项清单${data?.division ? ` · ${data.division.name}` : ''}`}>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Table<CheckItem>
        rowKey="code"
        loading={loading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: '暂无抽查事项' }}
        expandable={{
          expandedRowRender: (item) => (
            <Typography.Paragraph style={{ margin: 0 }}>
              <b>抽查内容：</b>
              {item.content}
              <br />
              <b>抽查主体：</b>
              {item.subject}
              {item.requiredExpertise && (
                <>
                  <br />
                  <b>所需业务专长：</b>
                  {item.requiredExpertise}
                </>
              )}
            </Typography.Paragraph>
          ),
        }}
        columns={[
          { title: '事项编码', dataIndex: 'code', width: 100 },
          { title: '抽查事项名称', dataIndex: 'name' },
          { title: '抽查对象', dataIndex: 'targetCategory', width: 120 },
          { title: '抽查比例', dataIndex: 'ratioBp', width: 90, align: 'right', render: (bp: number) => percent(bp) },
          { title: '频次/年', dataIndex: 'timesPerYear', width: 90, align: 'right' },
          { title: '抽查依据', dataIndex: 'basis', ellipsis: true },
          { title: '抽查方式', dataIndex: 'method', width: 120 },
          {
            title: '状态',
            dataIndex: 'active',
            width: 80,
            render: (active: boolean) => (active ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>),
          },
        ]}
      />
    </Card>
  );
}
