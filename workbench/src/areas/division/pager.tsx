import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import type { PageInfo } from './operations';

/** The directories page by cursor: the cursor of each page seen so far, to go back. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const page = cursors.length;
  return {
    after: cursors[cursors.length - 1]!,
    page,
    reset: () => setCursors([null]),
    next: (pageInfo: PageInfo) => setCursors((list) => [...list, pageInfo.endCursor]),
    previous: () => setCursors((list) => (list.length > 1 ? list.slice(0, -1) : list)),
  };
}

export function Pager(props: { page: number; size: number; total: number; pageInfo: PageInfo | null; onPrevious(): void; onNext(): void }) {
  const pages = Math.max(1, Math.ceil(props.total / props.size));
  return (
    <Space style={{ marginTop: 16, justifyContent: 'flex-end', width: '100%' }}>
      <Typography.Text type="secondary">
        共 {props.total} 条，第 {props.page} / {pages} 页
      </Typography.Text>
      <Button disabled={props.page <= 1} onClick={props.onPrevious}>
        上一页
      </Button>
      <Button disabled={!props.pageInfo?.hasNextPage} onClick={() => props.pageInfo && props.onNext()}>
        下一页
      </Button>
    </Space>
  );
}
