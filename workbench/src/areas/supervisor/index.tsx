import { Tabs, Typography } from 'antd';
import { useState } from 'react';
import type { Viewer } from '../../auth/session';
import { navigate, useSearch } from '../../router';
import type { Area } from '../area';
import { AuditTrail } from './audit';
import { Exports } from './exports';
import { Statistics } from './stats';
import { CancellationRequests, DirectedTasks, OverdueTasks } from './tasks';

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: 6 }, (_value, index) => THIS_YEAR + 1 - index);

/**
 * 督查 and 统计分析: a supervisor sees the audit logs, overdue tasks, cancellation requests
 * and directed tasks besides the statistics and exports; an analyst sees only the latter
 * (the API refuses them the rest, and they hold personal data).
 */
function SupervisorHome({ viewer }: { viewer: Viewer }) {
  const search = useSearch();
  const [year, setYear] = useState(THIS_YEAR);
  const supervisor = viewer.roles.includes('supervisor');
  const tabs = [
    ...(supervisor
      ? [
          { key: 'audit', label: '审计日志', children: <AuditTrail /> },
          { key: 'overdue', label: '逾期任务', children: <OverdueTasks /> },
          { key: 'cancellations', label: '撤销申请', children: <CancellationRequests /> },
          { key: 'directed', label: '定向任务', children: <DirectedTasks years={YEARS} year={year} onYear={setYear} /> },
        ]
      : []),
    { key: 'stats', label: '统计', children: <Statistics years={YEARS} year={year} onYear={setYear} /> },
    { key: 'exports', label: '导出', children: <Exports years={YEARS} year={year} onYear={setYear} /> },
  ];
  const wanted = search.get('tab');
  const active = tabs.find((tab) => tab.key === wanted)?.key ?? tabs[0]!.key;
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {supervisor ? '督查考核' : '统计分析'}
      </Typography.Title>
      <Tabs activeKey={active} onChange={(key) => navigate(`/supervisor?tab=${key}`, { replace: true })} items={tabs} destroyOnHidden />
    </>
  );
}

export const supervisorArea: Area = {
  key: 'supervisor',
  base: '/supervisor',
  title: '督查',
  roles: ['supervisor', 'analyst'],
  menu: [{ path: '/', label: '督查' }],
  pages: [{ path: '/', title: '督查', render: (_params, viewer) => <SupervisorHome viewer={viewer} /> }],
};
