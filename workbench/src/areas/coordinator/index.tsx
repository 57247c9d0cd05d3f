import type { Area } from '../area';

export const coordinatorArea: Area = {
  key: 'coordinator',
  base: '/coordinator',
  title: '联席办',
  roles: ['coordinator'],
  menu: [{ path: '/', label: '联席办' }],
  pages: [{ path: '/', title: '联席办', render: () => <p>联席办</p> }],
};
