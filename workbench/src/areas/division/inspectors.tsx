import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { asApiError, request, useQuery } from '../../api/client';
import { DECLARE_CONFLICT, INSPECTORS, WITHDRAW_CONFLICT, type ConflictDeclaration, type Inspector } from './operations';
import { Pager, useCursorPages } from './pager';

const PAGE_SIZE = 20;
/** As the API warns (certificate.ts): expired, or ending within 90 days. */
const NOTICE_DAYS = 90;

function shanghaiTime(value: string): string {
  return value.slice(0, 16).replace('T', ' ');
}

function CertificateCell({ inspector }: { inspector: Inspector }) {
  const today = dayjs().format('YYYY-MM-DD');
  const expired = inspector.certificateValidUntil < today;
  const soon = !expired && inspector.certificateValidUntil < dayjs().add(NOTICE_DAYS, 'day').format('YYYY-MM-DD');
  const tag = expired ? <Tag color="error">已过期</Tag> : soon ? <Tag color="warning">即将到期</Tag> : null;
  const body = (
    <span style={expired || soon ? { color: expired ? '#cf1322' : '#d46b08', fontWeight: 500 } : undefined}>
      {inspector.certificateValidUntil} {tag}
    </span>
  );
  return inspector.certificateWarning ? <Tooltip title={inspector.certificateWarning}>{body}</Tooltip> : body;
}

type ConflictDialog = { mode: 'declare'; inspector: Inspector } | { mode: 'withdraw'; inspector: Inspector; conflict: ConflictDeclaration };

/** 回避申报 of one inspector: declare one, or withdraw one with a reason. */
function ConflictModal({
  dialog,
  division,
  onClose,
  onSaved,
}: {
  dialog: ConflictDialog;
  division: string;
  onClose(): void;
  onSaved(inspector: Inspector): void;
}) {
  const [form] = Form.useForm<{ uscc: string; reason: string }>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { message } = App.useApp();
  const declare = dialog.mode === 'declare';
  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setFailure(null);
    try {
      const variables = { division, inspector: dialog.inspector.id, uscc: declare ? values.uscc.trim() : dialog.conflict.uscc, reason: values.reason };
      const inspector = declare ? (await request(DECLARE_CONFLICT, variables)).declareConflict : (await request(WITHDRAW_CONFLICT, variables)).withdrawConflict;
      message.success(declare ? '已申报回避' : '已撤回回避申报');
      onSaved(inspector);
    } catch (error) {
      const apiError = asApiError(error);
      if (apiError.field === 'uscc' || apiError.field === 'reason') form.setFields([{ name: apiError.field, errors: [apiError.message] }]);
      else setFailure(apiError.message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={declare ? `申报回避 · ${dialog.inspector.name}（${dialog.inspector.id}）` : `撤回回避申报 · ${dialog.inspector.name}（${dialog.inspector.id}）`}
      okText={declare ? '申报' : '撤回'}
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical">
        {declare ? (
          <Form.Item name="uscc" label="检查对象统一社会信用代码" rules={[{ required: true, whitespace: true, message: '请填写统一社会信用代码' }]}>
            <Input maxLength={18} placeholder="18位统一社会信用代码" />
          </Form.Item>
        ) : (
          <Typography.Paragraph>
            检查对象：{dialog.conflict.uscc}
            <br />
            申报理由：{dialog.conflict.reason}
          </Typography.Paragraph>
        )}
        <Form.Item
          name="reason"
          label={declare ? '回避理由' : '撤回理由'}
          rules={[{ required: true, whitespace: true, message: declare ? '请填写回避理由' : '请填写撤回理由' }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Conflicts({ inspector, onWithdraw }: { inspector: Inspector; onWithdraw(conflict: ConflictDeclaration): void }) {
  return (
    <Table<ConflictDeclaration>
      size="small"
      rowKey={(conflict) => `${conflict.uscc}-${conflict.declaredAt}`}
      dataSource={inspector.conflicts}
      pagination={false}
      locale={{ emptyText: '暂无回避申报' }}
      columns={[
        { title: '检查对象代码', dataIndex: 'uscc', width: 200 },
        { title: '回避理由', dataIndex: 'reason' },
        { title: '申报时间', dataIndex: 'declaredAt', width: 150, render: shanghaiTime },
        {
          title: '状态',
          key: 'state',
          render: (_, conflict) =>
            conflict.withdrawnAt ? (
              <Tooltip title={`撤回理由：${conflict.withdrawalReason ?? ''}（${conflict.withdrawnBy ?? ''}）`}>
                <Tag>已于 {shanghaiTime(conflict.withdrawnAt)} 撤回</Tag>
              </Tooltip>
            ) : (
              <Tag color="processing">有效</Tag>
            ),
        },
        {
          title: '操作',
          key: 'action',
          width: 90,
          render: (_, conflict) =>
            conflict.withdrawnAt ? null : (
              <Button size="small" onClick={() => onWithdraw(conflict)}>
                撤回
              </Button>
            ),
        },
      ]}
    />
  );
}

/** 执法检查人员名录库: search, in-post filter, certificates ending soon, and each inspector's declared conflicts. */
export function InspectorsPage({ division }: { division: string }) {
  const [search, setSearch] = useState('');
  const [active, setActive] = useState<boolean | null>(null);
  const [expiring, setExpiring] = useState(false);
  const [dialog, setDialog] = useState<ConflictDialog | null>(null);
  const [saved, setSaved] = useState<Record<string, Inspector>>({});
  const pages = useCursorPages();
  const certificateValidBefore = expiring ? dayjs().add(NOTICE_DAYS, 'day').format('YYYY-MM-DD') : null;
  const { data, error, loading } = useQuery(INSPECTORS, {
    division,
    first: PAGE_SIZE,
    after: pages.after,
    search: search || null,
    active,
    certificateValidBefore,
  });
  const connection = data?.division?.inspectors;
  const rows = connection?.edges.map((edge) => saved[edge.node.id] ?? edge.node) ?? [];
  const restart = () => {
    pages.reset();
    setSaved({});
  };
  return (
    <Card title="执法检查人员名录库">
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder="姓名或编号开头"
          aria-label="搜索执法检查人员"
          style={{ width: 280 }}
          onSearch={(value) => {
            setSearch(value.trim());
            restart();
          }}
        />
        <Select<'all' | 'yes' | 'no'>
          style={{ width: 130 }}
          value={active === null ? 'all' : active ? 'yes' : 'no'}
          aria-label="在岗状态"
          options={[
            { value: 'all', label: '全部人员' },
            { value: 'yes', label: '在岗' },
            { value: 'no', label: '不在岗' },
          ]}
          onChange={(value) => {
            setActive(value === 'all' ? null : value === 'yes');
            restart();
          }}
        />
        <Checkbox
          checked={expiring}
          onChange={(event) => {
            setExpiring(event.target.checked);
            restart();
          }}
        >
          仅看执法证已过期或 {NOTICE_DAYS} 天内到期
        </Checkbox>
      </Space>
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <Table<Inspector>
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: search ? `暂无与“${search}”匹配的执法检查人员` : '暂无执法检查人员' }}
        expandable={{
          expandedRowRender: (inspector) => <Conflicts inspector={inspector} onWithdraw={(conflict) => setDialog({ mode: 'withdraw', inspector, conflict })} />,
        }}
        columns={[
          { title: '编号', dataIndex: 'id', width: 100 },
          { title: '姓名', dataIndex: 'name', width: 100 },
          { title: '单位', dataIndex: 'unit', ellipsis: true },
          { title: '职务', dataIndex: 'position', width: 100 },
          { title: '业务专长', dataIndex: 'expertise', render: (list: string[]) => list.map((item) => <Tag key={item}>{item}</Tag>) },
          { title: '执法证号', dataIndex: 'certificateNo', width: 170 },
          { title: '执法证有效期至', key: 'certificate', width: 180, render: (_, inspector) => <CertificateCell inspector={inspector} /> },
          { title: '状态', dataIndex: 'active', width: 80, render: (value: boolean) => (value ? <Tag color="green">在岗</Tag> : <Tag>不在岗</Tag>) },
          {
            title: '回避',
            key: 'conflicts',
            width: 150,
            render: (_, inspector) => {
              const standing = inspector.conflicts.filter((conflict) => !conflict.withdrawnAt).length;
              return (
                <Space>
                  {standing > 0 && <Tag color="processing">{standing} 项</Tag>}
                  <Button size="small" onClick={() => setDialog({ mode: 'declare', inspector })}>
                    申报回避
                  </Button>
                </Space>
              );
            },
          },
        ]}
      />
      <Pager
        page={pages.page}
        size={PAGE_SIZE}
        total={connection?.totalCount ?? 0}
        pageInfo={connection?.pageInfo ?? null}
        onPrevious={() => {
          pages.previous();
          setSaved({});
        }}
        onNext={() => {
          if (connection) pages.next(connection.pageInfo);
          setSaved({});
        }}
      />
      {dialog && (
        <ConflictModal
          dialog={dialog}
          division={division}
          onClose={() => setDialog(null)}
          onSaved={(inspector) => {
            setSaved((map) => ({ ...map, [inspector.id]: inspector }));
            setDialog(null);
          }}
        />
      )}
    </Card>
  );
}
