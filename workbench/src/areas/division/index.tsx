import { Result } from 'antd';
import type { ReactNode } from 'react';
import type { Viewer } from '../../auth/session';
import type { Area } from '../area';
import { ImportPage } from './import';
import { InspectorsPage } from './inspectors';
import { ItemsPage } from './items';
import { TargetsPage } from './targets';

/** The administrator's own division, as the token says; without one there is nothing to show. */
function own(viewer: Viewer, page: (division: string) => ReactNode): ReactNode {
  if (!viewer.division) return <Result status="warning" title="账号未关联部门" subTitle="您的账号没有所属部门，请联系系统管理员。" />;
  return page(viewer.division);
}

export const divisionArea: Area = {
  key: 'division',
  base: '/division',
  title: '部门管理',
  roles: ['division_admin'],
  menu: [
    { path: '/', label: '检查事项' },
    { path: '/targets', label: '检查对象名录' },
    { path: '/inspectors', label: '执法人员名录' },
    { path: '/import', label: '表格导入' },
  ],
  pages: [
    { path: '/', title: '检查事项', render: (_, viewer) => own(viewer, (division) => <ItemsPage division={division} />) },
    { path: '/targets', title: '检查对象名录', render: (_, viewer) => own(viewer, (division) => <TargetsPage division={division} />) },
    { path: '/inspectors', title: '执法人员名录', render: (_, viewer) => own(viewer, (division) => <InspectorsPage division={division} />) },
    { path: '/import', title: '表格导入', render: (_, viewer) => own(viewer, (division) => <ImportPage division={division} />) },
  ],
};
