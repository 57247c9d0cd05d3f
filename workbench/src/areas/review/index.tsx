import type { Area } from '../area';

export const reviewArea: Area = {
  key: 'review',
  base: '/review',
  title: '法制审核',
  roles: ['reviewer'],
  menu: [{ path: '/', label: '法制审核' }],
  pages: [{ path: '/', title: '法制审核', render: () => <p>法制审核</p> }],
};
