import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Radio, Result, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, asApiError, authorizedFetch, request } from '../../api/client';
import { COLUMN_HEADERS, KIND_LABELS } from './labels';
import { IMPORT_INSPECTORS, IMPORT_TARGETS, SPREADSHEET_ENDPOINT, type DirectoryKind, type ImportReport, type SpreadsheetAnswer } from './operations';

/** Rows per importTargets / importInspectors call: each call is all or nothing. */
export const BATCH_ROWS = 200;

/** One line of the report, numbered as the spreadsheet numbers its rows. */
interface ReportLine {
  key: string;
  row: number;
  column: string | null;
  level: 'error' | 'warning';
  message: string;
}

interface Outcome {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows the check or the API refused. */
  rejected: number;
  /** Rows of batches not saved: the refused batch's other rows and the batches after it. */
  notSaved: number;
  lines: ReportLine[];
  failure: string | null;
}

type Phase =
  | { step: 'choose' }
  | { step: 'checking'; file: string }
  | { step: 'checked'; file: string; answer: SpreadsheetAnswer }
  | { step: 'importing'; file: string; answer: SpreadsheetAnswer; sent: number }
  | { step: 'done'; file: string; answer: SpreadsheetAnswer; outcome: Outcome };

async function upload(kind: DirectoryKind, file: File): Promise<SpreadsheetAnswer> {
  const response = await authorizedFetch(`${SPREADSHEET_ENDPOINT}?kind=${kind}&name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: file,
  });
  const body = (await response.json().catch(() => null)) as
    (SpreadsheetAnswer & { errors?: unknown }) | { errors?: { message: string; extensions?: { code?: string } }[] } | null;
  if (!response.ok || !body || !('rows' in body)) {
    const first = (body?.errors as { message: string; extensions?: { code?: string } }[] | undefined)?.[0];
    throw new ApiError(first?.message ?? `文件未能检查（HTTP ${response.status}），请稍后再试。`, first?.extensions?.code ?? null);
  }
  return body;
}

function distinctRows(lines: { row: number }[]): number {
  return new Set(lines.map((line) => line.row)).size;
}

function ReportTable({ lines }: { lines: ReportLine[] }) {
  return (
    <Table<ReportLine>
      rowKey="key"
      size="small"
      dataSource={lines}
      pagination={lines.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: '暂无问题' }}
      columns={[
        { title: '行号', dataIndex: 'row', width: 90, render: (row: number) => `第 ${row} 行` },
        { title: '列', dataIndex: 'column', width: 160, render: (column: string | null) => column ?? '—' },
        {
          title: '类别',
          dataIndex: 'level',
          width: 80,
          render: (level: ReportLine['level']) => (level === 'error' ? <Tag color="error">错误</Tag> : <Tag color="warning">提示</Tag>),
        },
        { title: '说明', dataIndex: 'message' },
      ]}
    />
  );
}

/** 表格导入: the file is checked by the gateway with the command-line import's rules, then sent in batches. */
export function ImportPage({ division }: { division: string }) {
  const [kind, setKind] = useState<DirectoryKind>('targets');
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const [failure, setFailure] = useState<string | null>(null);
  const headers = COLUMN_HEADERS[kind];

  const check = async (file: File) => {
    setFailure(null);
    setPhase({ step: 'checking', file: file.name });
    try {
      setPhase({ step: 'checked', file: file.name, answer: await upload(kind, file) });
    } catch (error) {
      setFailure(asApiError(error).message);
      setPhase({ step: 'choose' });
    }
  };

  const send = async (file: string, answer: SpreadsheetAnswer) => {
    const outcome: Outcome = { total: answer.rows.length, created: 0, updated: 0, unchanged: 0, rejected: 0, notSaved: 0, lines: [], failure: null };
    const refused = answer.errors.map((problem, index): ReportLine => ({
      key: `check-${index}`,
      row: problem.row,
      column: problem.column,
      level: 'error',
      message: problem.message,
    }));
    outcome.rejected = distinctRows(refused);
    outcome.lines.push(...refused);
    setPhase({ step: 'importing', file, answer, sent: 0 });
    let sent = 0;
    for (let start = 0; start < answer.rows.length; start += BATCH_ROWS) {
      const rows = answer.rows.slice(start, start + BATCH_ROWS);
      // The API numbers rows within the call, from 1; the spreadsheet's number is kept beside each input.
      const spreadsheetRow = (row: number) => answer.rowNumbers[start + row - 1] ?? row;
      const line = (level: ReportLine['level'], index: number) => (problem: ImportReport['errors'][number], n: number) => ({
        key: `${level}-${index}-${n}`,
        row: spreadsheetRow(problem.row),
        column: problem.field ? (headers[problem.field] ?? problem.field) : null,
        level,
        message: problem.message,
      });
      let report: ImportReport;
      try {
        report =
          kind === 'targets'
            ? (await request(IMPORT_TARGETS, { division, rows })).importTargets
            : (await request(IMPORT_INSPECTORS, { division, rows })).importInspectors;
      } catch (error) {
        outcome.failure = asApiError(error).message;
        outcome.notSaved = answer.rows.length - sent;
        break;
      }
      if (report.rejected > 0 || report.accepted !== rows.length) {
        const errors = report.errors.map(line('error', start));
        outcome.lines.push(...errors);
        outcome.rejected += distinctRows(errors);
        outcome.notSaved = answer.rows.length - sent - distinctRows(errors);
        outcome.failure = `第 ${Math.floor(start / BATCH_ROWS) + 1} 批被拒绝（每批全部保存或全部不保存），此后各批未发送；修正后重新导入整个文件即可，已导入的行会计为未变化。`;
        break;
      }
      outcome.created += report.created;
      outcome.updated += report.updated;
      outcome.unchanged += report.unchanged;
      outcome.lines.push(...report.warnings.map(line('warning', start)));
      sent += rows.length;
      setPhase({ step: 'importing', file, answer, sent });
    }
    outcome.lines.sort((a, b) => a.row - b.row);
    setPhase({ step: 'done', file, answer, outcome });
  };

  const restart = () => {
    setFailure(null);
    setPhase({ step: 'choose' });
  };

  return (
    <Card title="表格导入">
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Space wrap>
          <span>导入到：</span>
          <Radio.Group
            value={kind}
            disabled={phase.step !== 'choose'}
            optionType="button"
            options={[
              { value: 'targets', label: '检查对象名录库' },
              { value: 'inspectors', label: '执法检查人员名录库' },
            ]}
            onChange={(event) => setKind(event.target.value as DirectoryKind)}
          />
          <Button href={`${SPREADSHEET_ENDPOINT}/template?kind=${kind}`} download>
            下载{KIND_LABELS[kind]}模板
          </Button>
        </Space>
        {failure && <Alert type="error" showIcon title={failure} />}
        {(phase.step === 'choose' || phase.step === 'checking') && (
          <Upload.Dragger
            accept=".xlsx,.xlsm,.csv"
            multiple={false}
            showUploadList={false}
            disabled={phase.step === 'checking'}
            beforeUpload={(file) => {
              void check(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{phase.step === 'checking' ? `正在检查 ${phase.file}…` : '点击或将 .xlsx / .csv 文件拖到此处'}</p>
            <p className="ant-upload-hint">第 1 行为表头（列名见模板），数据从第 2 行开始；先检查全部行，确认后再导入。</p>
          </Upload.Dragger>
        )}
        {phase.step === 'checked' && (
          <CheckSummary file={phase.file} answer={phase.answer} onImport={() => void send(phase.file, phase.answer)} onCancel={restart} />
        )}
        {(phase.step === 'importing' || phase.step === 'done') && (
          <div>
            <Typography.Text>
              {phase.step === 'importing' ? '正在导入 ' : ''}
              {phase.file}：已发送 {phase.step === 'importing' ? phase.sent : phase.outcome.total - phase.outcome.notSaved} / {phase.answer.rows.length} 行
            </Typography.Text>
            <Progress
              aria-label="导入进度"
              percent={
                phase.answer.rows.length === 0
                  ? 100
                  : Math.round(((phase.step === 'importing' ? phase.sent : phase.outcome.total - phase.outcome.notSaved) / phase.answer.rows.length) * 100)
              }
              status={phase.step === 'importing' ? 'active' : phase.outcome.failure ? 'exception' : 'success'}
            />
          </div>
        )}
        {phase.step === 'done' && <OutcomeView file={phase.file} kind={kind} outcome={phase.outcome} onAgain={restart} />}
      </Space>
    </Card>
  );
}

function CheckSummary({ file, answer, onImport, onCancel }: { file: string; answer: SpreadsheetAnswer; onImport(): void; onCancel(): void }) {
  // Problems of the header (row 1) or of the whole file: no row can be read until they are fixed.
  const fileProblems = answer.errors.filter((problem) => problem.row === 1);
  const bad = distinctRows(answer.errors);
  const lines = answer.errors.map((problem, index): ReportLine => ({
    key: `check-${index}`,
    row: problem.row,
    column: problem.column,
    level: 'error',
    message: problem.message,
  }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type={fileProblems.length > 0 ? 'error' : bad > 0 ? 'warning' : 'success'}
        showIcon
        title={
          fileProblems.length > 0
            ? `${file} 不能导入：请按模板修正表头后重新选择文件`
            : `${file}：${answer.rows.length} 行可导入${bad > 0 ? `，${bad} 行有问题（不会导入）` : ''}`
        }
        description={answer.ignoredColumns.length > 0 ? `忽略未识别的列：${answer.ignoredColumns.join('、')}` : undefined}
      />
      {lines.length > 0 && <ReportTable lines={lines} />}
      <Space>
        <Button type="primary" disabled={answer.rows.length === 0} onClick={onImport}>
          开始导入
        </Button>
        <Button onClick={onCancel}>重新选择文件</Button>
      </Space>
    </Space>
  );
}

function OutcomeView({ file, kind, outcome, onAgain }: { file: string; kind: DirectoryKind; outcome: Outcome; onAgain(): void }) {
  const saved = outcome.created + outcome.updated + outcome.unchanged;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="import-report">
      <Result
        status={outcome.failure ? 'warning' : outcome.rejected > 0 ? 'info' : 'success'}
        title={outcome.failure ? '导入未全部完成' : '导入完成'}
        subTitle={`${file}：${KIND_LABELS[kind]} ${saved} 行已保存${outcome.rejected > 0 ? `，${outcome.rejected} 行被拒绝` : ''}${outcome.notSaved > 0 ? `，${outcome.notSaved} 行未导入` : ''}`}
        extra={<Button onClick={onAgain}>导入其他文件</Button>}
      />
      {outcome.failure && <Alert type="error" showIcon title={outcome.failure} />}
      <Space size="large" wrap>
        <Statistic title="新增" value={outcome.created} />
        <Statistic title="更新" value={outcome.updated} />
        <Statistic title="未变化" value={outcome.unchanged} />
        <Statistic title="被拒绝" value={outcome.rejected} styles={outcome.rejected > 0 ? { content: { color: '#cf1322' } } : undefined} />
        <Statistic title="未导入" value={outcome.notSaved} />
      </Space>
      <Typography.Title level={5}>错误与提示（行号为表格中的行号）</Typography.Title>
      <ReportTable lines={outcome.lines} />
    </Space>
  );
}
