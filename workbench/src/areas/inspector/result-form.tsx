import { Alert, App, Button, DatePicker, Flex, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { asApiError, request, type ApiError } from '../../api/client';
import {
  AMEND_RESULT,
  CHECK_METHODS,
  DISCLOSURE_LABELS,
  FOLLOW_UP_LABELS,
  OUTCOME_LABELS,
  RECORD_RESULT,
  type AssignmentItem,
  type Disclosure,
  type FollowUp,
  type Result,
  type ResultInput,
  type ResultOutcome,
} from './operations';

interface Values {
  outcome?: ResultOutcome;
  findings?: string;
  method?: string;
  inspectedOn?: Dayjs;
  followUp: FollowUp;
  referredTo?: string;
  disclosure: Disclosure;
  reason?: string;
}

/** Today in Asia/Shanghai, the bureau's day (the API checks inspection dates against it), whatever the device's zone. */
function shanghaiToday(): Dayjs {
  return dayjs(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()));
}

const FIELDS = ['outcome', 'findings', 'method', 'inspectedOn', 'followUp', 'referredTo', 'disclosure', 'reason'];

const options = <K extends string>(labels: Record<K, string>) => (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

/**
 * 录入检查结果 for one item (recordResult), or 更正已公示结果 (amendResult, with a
 * reason) once the task is published. The API's own checks speak for themselves:
 * their message next to the field they name, and above the button.
 */
export function ResultForm({
  assignment,
  item,
  previous,
  amend = false,
  onSaved,
  onCancel,
}: {
  assignment: string;
  item: AssignmentItem;
  previous: Result | null;
  amend?: boolean;
  onSaved(): void;
  onCancel?: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const followUp = Form.useWatch('followUp', form);
  const initial: Partial<Values> = previous
    ? {
        outcome: previous.outcome,
        findings: previous.findings ?? undefined,
        method: previous.method,
        inspectedOn: dayjs(previous.inspectedOn),
        followUp: previous.followUp,
        referredTo: previous.referredTo ?? undefined,
        disclosure: previous.disclosure,
      }
    : {
        method: (CHECK_METHODS as readonly string[]).includes(item.method) ? item.method : undefined,
        inspectedOn: shanghaiToday(),
        followUp: 'NONE',
        disclosure: 'PUBLIC',
      };

  async function submit(values: Values) {
    setSaving(true);
    setFailure(null);
    const input: ResultInput = {
      outcome: values.outcome!,
      findings: values.findings?.trim() || null,
      method: values.method!,
      inspectedOn: values.inspectedOn!.format('YYYY-MM-DD'),
      followUp: values.followUp,
      referredTo: values.referredTo?.trim() || null,
      disclosure: values.disclosure,
    };
    const ref = { division: item.division, code: item.code };
    try {
      if (amend) await request(AMEND_RESULT, { assignment, item: ref, input, reason: values.reason ?? '' });
      else await request(RECORD_RESULT, { assignment, item: ref, input });
      message.success(amend ? '更正申请已提交，等待法制审核' : '检查结果已保存，等待法制审核');
      onSaved();
    } catch (error) {
      const failure = asApiError(error);
      setFailure(failure);
      if (failure.field && FIELDS.includes(failure.field)) form.setFields([{ name: failure.field as keyof Values, errors: [failure.message] }]);
    } finally {
      setSaving(false);
    }
  }

  const referral = followUp === 'REFERRED_TO_OTHER_AUTHORITY' || followUp === 'CRIMINAL_CASE';
  return (
    <Form<Values>
      form={form}
      name={`result-${item.code}`}
      layout="vertical"
      initialValues={initial}
      onFinish={submit}
      data-testid={`result-form-${item.code}`}
      requiredMark
    >
      <Form.Item name="outcome" label="检查结果" rules={[{ required: true, message: '请选择检查结果' }]}>
        <Select placeholder="请选择" options={options(OUTCOME_LABELS)} />
      </Form.Item>
      <Form.Item name="findings" label="检查情况" extra="发现问题时须填写检查情况">
        <Input.TextArea rows={3} maxLength={5000} placeholder="检查中发现的情况" />
      </Form.Item>
      <Form.Item name="method" label="检查方式" rules={[{ required: true, message: '请选择检查方式' }]}>
        <Select placeholder="请选择" options={CHECK_METHODS.map((value) => ({ value, label: value }))} />
      </Form.Item>
      <Form.Item name="inspectedOn" label="检查日期" rules={[{ required: true, message: '请选择检查日期' }]}>
        <DatePicker style={{ width: '100%' }} inputReadOnly={false} disabledDate={(day) => day.isAfter(shanghaiToday(), 'day')} />
      </Form.Item>
      <Form.Item name="followUp" label="后续处理">
        <Select options={options(FOLLOW_UP_LABELS)} />
      </Form.Item>
      {referral && (
        <Form.Item name="referredTo" label="移送机关" rules={[{ required: followUp === 'REFERRED_TO_OTHER_AUTHORITY', message: '请填写移送机关' }]}>
          <Input maxLength={200} placeholder={followUp === 'CRIMINAL_CASE' ? '不填写则为“司法机关”' : '接收移送的机关'} />
        </Form.Item>
      )}
      <Form.Item name="disclosure" label="公示">
        <Select options={options(DISCLOSURE_LABELS)} />
      </Form.Item>
      {amend && (
        <Form.Item name="reason" label="更正原因" rules={[{ required: true, message: '请填写更正原因' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      )}
      {failure && <Alert type="error" showIcon message={failure.message} style={{ marginBottom: 12 }} />}
      <Flex gap={8} wrap>
        <Button type="primary" htmlType="submit" loading={saving} style={{ flex: 1, minWidth: 140 }}>
          {amend ? '提交更正' : previous ? '保存更正' : '提交结果'}
        </Button>
        {onCancel && <Button onClick={onCancel}>取消</Button>}
      </Flex>
    </Form>
  );
}
