import type { Area } from '../area';

export const inspectorArea: Area = {
  key: 'inspector',
  base: '/inspector',
  title: '我的检查',
  roles: ['inspector'],
  menu: [{ path: '/', label: '我的检查' }],
  pages: [{ path: '/', title: '我的检查', render: () => <p>我的检查</p> }],
};
