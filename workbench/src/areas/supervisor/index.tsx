import type { Area } from '../area';

export const supervisorArea: Area = {
  key: 'supervisor',
  base: '/supervisor',
  title: '督查',
  roles: ['supervisor', 'analyst'],
  menu: [{ path: '/', label: '督查' }],
  pages: [{ path: '/', title: '督查', render: () => <p>督查</p> }],
};
