import { Button, Grid, Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { roleNames } from '../auth/roles';
import type { Session, Viewer } from '../auth/session';
import type { Area } from '../areas/area';
import { navigate } from '../router';

/** The frame of every signed-in page: the areas this person may use, who they are, and sign-out. */
export function Frame({ areas, path, viewer, session, children }: { areas: Area[]; path: string; viewer: Viewer; session: Session; children: ReactNode }) {
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const items = areas.flatMap((area) =>
    area.menu.map((entry) => ({ key: area.base + (entry.path === '/' ? '' : entry.path), label: area.menu.length > 1 ? entry.label : area.title })),
  );
  const selected = items
    .map((item) => item.key)
    .filter((key) => path === key || path.startsWith(key + '/'))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: narrow ? 12 : 24 }}>
        <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap' }}>
          {narrow ? '双随机工作台' : '双随机联合监管 工作台'}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={selected}
          items={items}
          onClick={({ key }) => navigate(key)}
          style={{ flex: 1, minWidth: 0 }}
          aria-label="工作台导航"
        />
        <Space size="small">
          {!narrow && (
            <Typography.Text style={{ color: '#fff' }} data-testid="viewer">
              {viewer.name}（{roleNames(viewer.roles)}）
            </Typography.Text>
          )}
          <Button size="small" onClick={() => void session.signOut()}>
            退出登录
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: narrow ? 12 : 24 }}>{children}</Layout.Content>
    </Layout>
  );
}
