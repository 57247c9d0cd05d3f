import { Alert, Card, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useQuery } from '../../api/client';
import { TARGET_KINDS, TARGET_STATUSES } from './labels';
import { TARGETS, type Target, type TargetKind, type TargetStatus } from './operations';
import { Pager, useCursorPages } from './pager';

const PAGE_SIZE = 20;

/** 检查对象名录库: search by name or the start of the USCC, filter by status, page by cursor. */
export function TargetsPage({ division }: { division: string }) {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<TargetStatus | null>(null);
  const pages = useCursorPages();
  const { data, error, loading } = useQuery(TARGETS, { division, first: PAGE_SIZE, after: pages.after, search: search || null, status, category: null });
  const connection = data?.division?.targets;
  return (
    <Card title="检查对象名录库">
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder="名称或统一社会信用代码开头"
          aria-label="搜索检查对象"
          style={{ width: 320 }}
          onSearch={(value) => {
            setSearch(value.trim());
            pages.reset();
          }}
        />
        <Select<TargetStatus | 'ALL'>
          style={{ width: 160 }}
          value={status ?? 'ALL'}
          aria-label="状态"
          options={[
            { value: 'ALL', label: '全部状态' },
            ...Object.entries(TARGET_STATUSES).map(([value, { label }]) => ({ value: value as TargetStatus, label })),
          ]}
          onChange={(value) => {
            setStatus(value === 'ALL' ? null : value);
            pages.reset();
          }}
        />
      </Space>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Table<Target>
        rowKey="uscc"
        loading={loading}
        dataSource={connection?.edges.map((edge) => edge.node) ?? []}
        pagination={false}
        locale={{ emptyText: search ? `暂无与“${search}”匹配的检查对象` : '暂无检查对象' }}
        columns={[
          {
            title: '统一社会信用代码',
            dataIndex: 'uscc',
            width: 200,
            render: (uscc: string, target) =>
              target.usccVerified ? (
                uscc
              ) : (
                <Tooltip title="该代码未通过校验位检查，经审计后保存">
                  <span>
                    {uscc} <Tag color="warning">未通过校验</Tag>
                  </span>
                </Tooltip>
              ),
          },
          { title: '名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind', width: 110, render: (kind: TargetKind) => TARGET_KINDS[kind] },
          {
            title: '类别',
            dataIndex: 'categories',
            width: 160,
            render: (categories: string[]) => categories.map((category) => <Tag key={category}>{category}</Tag>),
          },
          { title: '地址', dataIndex: 'address', ellipsis: true },
          {
            title: '状态',
            dataIndex: 'status',
            width: 110,
            render: (value: TargetStatus) => <Tag color={TARGET_STATUSES[value].color}>{TARGET_STATUSES[value].label}</Tag>,
          },
        ]}
      />
      <Pager
        page={pages.page}
        size={PAGE_SIZE}
        total={connection?.totalCount ?? 0}
        pageInfo={connection?.pageInfo ?? null}
        onPrevious={pages.previous}
        onNext={() => connection && pages.next(connection.pageInfo)}
      />
    </Card>
  );
}
