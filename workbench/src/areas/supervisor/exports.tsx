import { Alert, App, Button, Card, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { asApiError, authorizedFetch, useQuery } from '../../api/client';
import { DIVISIONS } from './operations';

type Kind = 'results' | 'stats';
type Format = 'csv' | 'xlsx';

function filenameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  return /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallback;
}

/** Reads an export with the tab's token (the gateway's /export wants Authorization, as /graphql does) and saves it. */
async function download(kind: Kind, format: Format, year: number, division: string | null): Promise<string> {
  const query = new URLSearchParams({ year: String(year) });
  if (kind === 'results' && division) query.set('division', division);
  const response = await authorizedFetch(`/export/${kind}.${format}?${query.toString()}`);
  if (!response.ok) {
    const answer = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(answer?.error?.message ?? `导出失败（HTTP ${response.status}）`);
  }
  const blob = await response.blob();
  const name = filenameOf(response, `ssj-${kind}-${year}.${format}`);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** 导出 — the gateway's CSV and Excel exports: published results and the year's statistics. */
export function Exports({ years, year, onYear }: { years: number[]; year: number; onYear: (year: number) => void }) {
  const { message } = App.useApp();
  const divisions = useQuery(DIVISIONS, {});
  const [division, setDivision] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (kind: Kind, format: Format) => {
    const key = `${kind}.${format}`;
    setBusy(key);
    setError(null);
    try {
      const name = await download(kind, format, year, division);
      void message.success(`已下载 ${name}`);
    } catch (failure) {
      setError(asApiError(failure).message);
    } finally {
      setBusy(null);
    }
  };
  const button = (kind: Kind, format: Format, label: string) => (
    <Button onClick={() => void run(kind, format)} loading={busy === `${kind}.${format}`} disabled={busy !== null && busy !== `${kind}.${format}`}>
      {label}
    </Button>
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>年度</Typography.Text>
        <Select value={year} onChange={onYear} options={years.map((value) => ({ value, label: `${value}年` }))} style={{ width: 110 }} aria-label="导出年度" />
      </Space>
      {error && <Alert type="error" showIcon title={error} data-testid="export-error" />}
      <Card size="small" title="已公示的检查结果">
        <Space orientation="vertical">
          <Typography.Text type="secondary">与公示网站所示一致，每条结果一行。</Typography.Text>
          <Space wrap>
            <Typography.Text>部门</Typography.Text>
            <Select
              value={division ?? ''}
              onChange={(value: string) => setDivision(value || null)}
              loading={divisions.loading}
              style={{ width: 200 }}
              aria-label="导出部门"
              options={[
                { value: '', label: '所有部门' },
                ...(divisions.data?.divisions ?? []).map((one) => ({ value: one.code, label: `${one.name}（${one.code}）` })),
              ]}
            />
            {button('results', 'csv', '下载检查结果 CSV')}
            {button('results', 'xlsx', '下载检查结果 Excel')}
          </Space>
        </Space>
      </Card>
      <Card size="small" title="统计数据">
        <Space orientation="vertical">
          <Typography.Text type="secondary">各部门及全局的年度统计（任务、抽取、公示、逾期、结果分类）。</Typography.Text>
          <Space wrap>
            {button('stats', 'csv', '下载统计 CSV')}
            {button('stats', 'xlsx', '下载统计 Excel')}
          </Space>
        </Space>
      </Card>
    </Space>
  );
}
