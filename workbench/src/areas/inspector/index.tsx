import type { Area } from '../area';
import { AssignmentPage } from './assignment';
import { AssignmentList } from './list';

export const inspectorArea: Area = {
  key: 'inspector',
  base: '/inspector',
  title: '我的检查',
  roles: ['inspector'],
  menu: [{ path: '/', label: '我的检查任务' }],
  pages: [
    { path: '/', title: '我的检查任务', render: () => <AssignmentList /> },
    { path: '/assignments/:id', title: '检查对象', render: (params, viewer) => <AssignmentPage id={params.id!} viewer={viewer} /> },
  ],
};
