import type { Area } from '../area';

export const divisionArea: Area = {
  key: 'division',
  base: '/division',
  title: '部门管理',
  roles: ['division_admin'],
  menu: [{ path: '/', label: '部门管理' }],
  pages: [{ path: '/', title: '部门管理', render: () => <p>部门管理</p> }],
};
