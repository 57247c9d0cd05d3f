import type { Area } from '../area';
import { TaskListPage } from './task-list';
import { TaskPage } from './task-page';
import { TaskWizardPage } from './task-wizard';

/** 联席办 coordinator: plans joint tasks, commits, draws and publishes them. */
export const coordinatorArea: Area = {
  key: 'coordinator',
  base: '/coordinator',
  title: '联席办',
  roles: ['coordinator'],
  menu: [
    { path: '/', label: '检查任务' },
    { path: '/new', label: '新建任务' },
  ],
  pages: [
    { path: '/', title: '检查任务', render: () => <TaskListPage /> },
    { path: '/new', title: '新建联合检查任务', render: () => <TaskWizardPage /> },
    { path: '/tasks/:id', title: '任务', render: (params) => <TaskPage id={params.id!} /> },
  ],
};
