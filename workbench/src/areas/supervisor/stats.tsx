import { Alert, Card, Col, Empty, Progress, Row, Select, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useQuery } from '../../api/client';
import { STATUS_COLORS, STATUS_LABELS } from './labels';
import { DIVISIONS, STATS, type PublicOutcomeCount } from './operations';

interface DivisionOutcomes {
  division: string;
  divisionName: string;
  total: number;
  outcomes: { outcome: string; label: string; count: number }[];
}

function byDivision(rows: PublicOutcomeCount[]): DivisionOutcomes[] {
  const map = new Map<string, DivisionOutcomes>();
  for (const row of rows) {
    const entry = map.get(row.division) ?? { division: row.division, divisionName: row.divisionName, total: 0, outcomes: [] };
    entry.total += row.count;
    entry.outcomes.push({ outcome: row.outcome, label: row.label, count: row.count });
    map.set(row.division, entry);
  }
  return [...map.values()].sort((a, b) => b.total - a.total);
}

/** 统计 — inspectionStats of a year (the bureau's, or one division's) and the published outcomes per division. */
export function Statistics({ years, year, onYear }: { years: number[]; year: number; onYear: (year: number) => void }) {
  const [division, setDivision] = useState<string | null>(null);
  const divisions = useQuery(DIVISIONS, {});
  const stats = useQuery(STATS, { year, division });
  const data = stats.data?.inspectionStats;
  const outcomes = data?.resultsByOutcome ?? [];
  const results = outcomes.reduce((sum, row) => sum + row.count, 0);
  const summary = byDivision(stats.data?.publicOutcomeSummary ?? []);
  const most = Math.max(1, ...summary.map((row) => row.total));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>年度</Typography.Text>
        <Select value={year} onChange={onYear} options={years.map((value) => ({ value, label: `${value}年` }))} style={{ width: 110 }} aria-label="统计年度" />
        <Typography.Text>部门</Typography.Text>
        <Select
          value={division ?? ''}
          onChange={(value: string) => setDivision(value || null)}
          loading={divisions.loading}
          style={{ width: 200 }}
          aria-label="统计部门"
          options={[
            { value: '', label: '全局（所有部门）' },
            ...(divisions.data?.divisions ?? []).map((one) => ({ value: one.code, label: `${one.name}（${one.code}）` })),
          ]}
        />
      </Space>
      {stats.error && <Alert type="error" showIcon title={stats.error.message} />}
      <Spin spinning={stats.loading}>
        {data ? (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Row gutter={[16, 16]} data-testid="stats-cards">
              {[
                ['抽查任务', data.tasks, '个'],
                ['已抽取', data.drawn, '个'],
                ['已公示', data.published, '个'],
                ['逾期', data.overdue, '个'],
                ['已撤销', data.cancelled, '个'],
                ['已检查对象', data.entitiesInspected, '户'],
              ].map(([title, value, suffix]) => (
                <Col key={title} xs={12} md={8} lg={4}>
                  <Card size="small">
                    <Statistic title={title} value={value} suffix={suffix} />
                  </Card>
                </Col>
              ))}
            </Row>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                <Card size="small" title={`已公示结果（共 ${results} 条）`}>
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    <Statistic title="违法违规率" value={data.violationRateBp / 100} precision={2} suffix="%" />
                    {outcomes.length === 0 ? (
                      <Empty description="暂无已公示的结果" />
                    ) : (
                      outcomes.map((row) => (
                        <div key={row.outcome}>
                          <Typography.Text>
                            {row.label}：{row.count}
                          </Typography.Text>
                          <Progress percent={results ? (row.count / results) * 100 : 0} format={(percent) => `${(percent ?? 0).toFixed(1)}%`} size="small" />
                        </div>
                      ))
                    )}
                  </Space>
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card size="small" title="任务状态（含已撤销）">
                  {data.tasksByStatus.length === 0 ? (
                    <Empty description="暂无任务" />
                  ) : (
                    <Space orientation="vertical" style={{ width: '100%' }}>
                      {data.tasksByStatus.map((row) => (
                        <div key={row.status}>
                          <Tag color={STATUS_COLORS[row.status]}>{STATUS_LABELS[row.status]}</Tag> {row.count}
                          <Progress percent={(row.count / Math.max(1, data.tasks + data.cancelled)) * 100} showInfo={false} size="small" />
                        </div>
                      ))}
                    </Space>
                  )}
                </Card>
              </Col>
            </Row>
          </Space>
        ) : (
          !stats.error && <Empty description="暂无统计数据" />
        )}
      </Spin>
      <Card size="small" title={`${year}年各部门公示结果`}>
        <Table<DivisionOutcomes>
          rowKey="division"
          size="small"
          loading={stats.loading}
          dataSource={summary}
          pagination={false}
          locale={{ emptyText: <Empty description="暂无公示结果" /> }}
          columns={[
            { title: '部门', key: 'name', width: 200, render: (_value, row) => `${row.divisionName}（${row.division}）` },
            {
              title: '公示结果数',
              dataIndex: 'total',
              width: 260,
              render: (total: number) => <Progress percent={(total / most) * 100} format={() => `${total}`} size="small" />,
            },
            {
              title: '按结果分类',
              key: 'outcomes',
              render: (_value, row) => (
                <Space wrap size={[4, 4]}>
                  {row.outcomes.map((one) => (
                    <Tag key={one.outcome}>
                      {one.label} {one.count}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
