import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Space, Steps, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { asApiError, request, useQuery, type ApiError } from '../../api/client';
import { navigate } from '../../router';
import { percent, shanghaiToday } from './format';
import { CHECKLISTS, CREATE_TASK, type ChecklistItem } from './operations';

interface PickedItem extends ChecklistItem {
  key: string;
  division: string;
  divisionName: string;
}

interface Definition {
  name: string;
  ratioPercent: number;
  highRiskRatioPercent: number;
  inspectorsPerDivision: number;
  period: [Dayjs, Dayjs];
  beaconSource: string;
  beaconDate: Dayjs;
}

const DEFAULT_BEACON = '福彩3D 当日开奖号码（三位数字，以空格分隔）';

/**
 * 新建联合检查任务: items from several divisions, the ratios with the items' own
 * published 抽查比例 beside them, the period and the beacon declaration; the task is
 * saved as a draft, and its pool is previewed on the task's page before commit.
 */
export function TaskWizardPage() {
  const { data, error, loading } = useQuery(CHECKLISTS, {});
  const [step, setStep] = useState(0);
  const [selected, setSelected] = useState<string[]>([]);
  const [definition, setDefinition] = useState<Definition | null>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [form] = Form.useForm<Definition>();
  const items: PickedItem[] = useMemo(
    () =>
      (data?.divisions ?? []).flatMap((division) =>
        division.checklist.map((item) => ({ ...item, key: `${division.code}/${item.code}`, division: division.code, divisionName: division.name })),
      ),
    [data],
  );
  const picked = items.filter((item) => selected.includes(item.key));
  const pickedDivisions = [...new Set(picked.map((item) => item.divisionName))];
  const highestItemRatio = Math.max(0, ...picked.map((item) => item.ratioBp));
  const today = dayjs(shanghaiToday());

  const create = async () => {
    if (!definition) return;
    setSaving(true);
    setFailure(null);
    try {
      const answer = await request(CREATE_TASK, {
        input: {
          name: definition.name.trim(),
          year: definition.period[0].year(),
          kind: 'RANDOM',
          items: picked.map((item) => ({ division: item.division, code: item.code })),
          ratioBp: Math.round(definition.ratioPercent * 100),
          highRiskRatioBp: Math.round(definition.highRiskRatioPercent * 100),
          inspectorsPerDivision: definition.inspectorsPerDivision,
          periodStart: definition.period[0].format('YYYY-MM-DD'),
          periodEnd: definition.period[1].format('YYYY-MM-DD'),
          beacon: { source: definition.beaconSource.trim(), date: definition.beaconDate.format('YYYY-MM-DD') },
        },
      });
      navigate(`/coordinator/tasks/${answer.createInspectionTask.id}`);
    } catch (error) {
      setFailure(asApiError(error));
      setSaving(false);
    }
  };

  return (
    <Card title="新建联合检查任务">
      <Steps current={step} style={{ marginBottom: 24 }} items={[{ title: '选择检查事项' }, { title: '比例、期间与随机源' }, { title: '核对并保存' }]} />
      {error && <Alert type="error" showIcon message={error.message} />}
      {step === 0 && (
        <>
          <Typography.Paragraph type="secondary">
            可从多个部门的抽查事项清单中选择；选择两个以上部门的事项即为联合检查，检查对象和执法人员一次抽取。
          </Typography.Paragraph>
          <Table<PickedItem>
            rowKey="key"
            loading={loading}
            size="small"
            dataSource={items}
            pagination={false}
            scroll={{ x: 800 }}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
            locale={{ emptyText: '暂无抽查事项' }}
            columns={[
              { title: '部门', dataIndex: 'divisionName', width: 110 },
              { title: '事项编号', dataIndex: 'code', width: 100 },
              { title: '抽查事项', dataIndex: 'name' },
              { title: '检查对象类别', dataIndex: 'targetCategory', width: 140 },
              { title: '公布的抽查比例', dataIndex: 'ratioBp', width: 130, render: (bp: number) => percent(bp) },
            ]}
          />
          <Space style={{ marginTop: 16 }}>
            <Typography.Text>
              已选 {picked.length} 项{pickedDivisions.length > 0 ? `，涉及 ${pickedDivisions.join('、')}` : ''}
              {pickedDivisions.length > 1 && (
                <Tag color="blue" style={{ marginLeft: 8 }}>
                  联合检查
                </Tag>
              )}
            </Typography.Text>
            <Button type="primary" disabled={picked.length === 0} onClick={() => setStep(1)}>
              下一步
            </Button>
          </Space>
        </>
      )}
      {step === 1 && (
        <Form<Definition>
          form={form}
          layout="vertical"
          style={{ maxWidth: 640 }}
          initialValues={
            definition ?? {
              name: `${today.year()}年度联合双随机抽查`,
              ratioPercent: highestItemRatio / 100 || 5,
              highRiskRatioPercent: 20,
              inspectorsPerDivision: 1,
              period: [today, today.add(30, 'day')],
              beaconSource: DEFAULT_BEACON,
              beaconDate: today,
            }
          }
          onFinish={(values) => {
            setDefinition(values);
            setStep(2);
          }}
        >
          <Form.Item name="name" label="任务名称" rules={[{ required: true, whitespace: true, message: '请填写任务名称' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label="一般风险抽查比例" required>
            <Space align="start" wrap>
              <Form.Item name="ratioPercent" noStyle rules={[{ required: true, message: '请填写抽查比例' }]}>
                <InputNumber min={0.01} max={100} step={0.5} addonAfter="%" aria-label="一般风险抽查比例" />
              </Form.Item>
              <Typography.Text type="secondary">
                所选事项公布的抽查比例：{picked.map((item) => `${item.code} ${percent(item.ratioBp)}`).join('；')}
              </Typography.Text>
            </Space>
          </Form.Item>
          <Form.Item name="highRiskRatioPercent" label="高风险抽查比例" rules={[{ required: true, message: '请填写高风险抽查比例' }]}>
            <InputNumber min={0} max={100} step={5} addonAfter="%" />
          </Form.Item>
          <Form.Item name="inspectorsPerDivision" label="每户每部门执法人员数" rules={[{ required: true, message: '请填写人数' }]}>
            <InputNumber min={1} max={5} />
          </Form.Item>
          <Form.Item name="period" label="检查期间" rules={[{ required: true, message: '请选择检查期间' }]}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item
            name="beaconSource"
            label="随机源声明（提交确定前公布，抽取时输入其数值）"
            rules={[{ required: true, whitespace: true, message: '请声明随机源' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="beaconDate" label="随机源日期" rules={[{ required: true, message: '请选择随机源日期' }]}>
            <DatePicker />
          </Form.Item>
          <Space>
            <Button onClick={() => setStep(0)}>上一步</Button>
            <Button type="primary" htmlType="submit">
              下一步
            </Button>
          </Space>
        </Form>
      )}
      {step === 2 && definition && (
        <>
          <Descriptions bordered column={1} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label="任务名称">{definition.name}</Descriptions.Item>
            <Descriptions.Item label="检查事项">{picked.map((item) => `${item.divisionName} ${item.code} ${item.name}`).join('；')}</Descriptions.Item>
            <Descriptions.Item label="抽查比例">
              一般风险 {definition.ratioPercent}%，高风险 {definition.highRiskRatioPercent}%
            </Descriptions.Item>
            <Descriptions.Item label="每户每部门执法人员">{definition.inspectorsPerDivision} 人</Descriptions.Item>
            <Descriptions.Item label="检查期间">
              {definition.period[0].format('YYYY-MM-DD')} 至 {definition.period[1].format('YYYY-MM-DD')}
            </Descriptions.Item>
            <Descriptions.Item label="随机源">
              {definition.beaconSource}（{definition.beaconDate.format('YYYY-MM-DD')}）
            </Descriptions.Item>
          </Descriptions>
          {failure && <Alert type="error" showIcon message={failure.message} style={{ marginBottom: 16 }} />}
          <Space>
            <Button onClick={() => setStep(1)}>上一步</Button>
            <Button type="primary" loading={saving} onClick={() => void create()}>
              保存为草拟任务
            </Button>
          </Space>
        </>
      )}
    </Card>
  );
}
