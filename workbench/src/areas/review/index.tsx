import type { Area } from '../area';
import { ReviewQueue } from './queue';

export const reviewArea: Area = {
  key: 'review',
  base: '/review',
  title: '法制审核',
  roles: ['reviewer'],
  menu: [{ path: '/', label: '待审核结果' }],
  pages: [{ path: '/', title: '待审核结果', render: (_params, viewer) => <ReviewQueue viewer={viewer} /> }],
};
