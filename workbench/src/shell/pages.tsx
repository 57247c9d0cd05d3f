import { Button, Card, Result, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { roleNames } from '../auth/roles';
import type { Session, Viewer } from '../auth/session';
import { navigate } from '../router';

/** Where a person lands without a sign-in: why (signed out, expired) and the way in. */
export function SignInPage({ session, reason, returnTo }: { session: Session; reason: 'signed-out' | 'expired'; returnTo: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const signIn = () => {
    setBusy(true);
    setError(null);
    session.oidc!.beginSignIn(returnTo).catch((failure: unknown) => {
      setBusy(false);
      setError(failure instanceof Error ? failure.message : String(failure));
    });
  };
  if (!session.oidc)
    return (
      <Result status="warning" title="尚未配置统一身份认证" subTitle="网关没有设置 WORKBENCH_ISSUER（或 AUTH_ISSUER），工作台无法登录。请联系系统管理员。" />
    );
  return (
    <div className="sign-in">
      <Card title="双随机联合监管 工作台" style={{ maxWidth: 420, margin: '10vh auto' }}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {reason === 'expired' ? (
            <Typography.Text type="warning" role="alert">
              登录已过期，请重新登录。（登录最长保持 8 小时；在其他页面退出登录也会结束本次登录。）
            </Typography.Text>
          ) : (
            <Typography.Text>请使用统一身份认证账号登录。</Typography.Text>
          )}
          {error && (
            <Typography.Text type="danger" role="alert">
              {error}
            </Typography.Text>
          )}
          <Button type="primary" block size="large" loading={busy} onClick={signIn}>
            登录
          </Button>
          <Typography.Link href="/">返回公示平台</Typography.Link>
        </Space>
      </Card>
    </div>
  );
}

/** /workbench/callback: the provider sent the person back with a code. */
export function CallbackPage({ session }: { session: Session }) {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const url = new URL(window.location.href);
    const denied = url.searchParams.get('error');
    if (denied) {
      setError(url.searchParams.get('error_description') || '统一身份认证服务拒绝了本次登录。');
      return;
    }
    session.oidc!.completeSignIn(url).then(
      ({ tokens, returnTo }) => {
        session.signedIn(tokens);
        navigate(returnTo, { replace: true });
      },
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  }, [session]);
  if (!error) return <Result status="info" title="正在登录…" />;
  return (
    <Result
      status="error"
      title="登录未完成"
      subTitle={error}
      extra={
        <Button type="primary" onClick={() => navigate('/', { replace: true })}>
          重新登录
        </Button>
      }
    />
  );
}

export function ForbiddenPage({ viewer, needs }: { viewer: Viewer; needs: string }) {
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle={`此页面属于“${needs}”，您的账号（${viewer.name}，角色：${roleNames(viewer.roles)}）没有访问权限。如需开通，请联系系统管理员。`}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          回到我的工作台
        </Button>
      }
    />
  );
}

export function NotFoundPage() {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="地址有误，或该页面已移除。"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          回到我的工作台
        </Button>
      }
    />
  );
}

export function NoAreaPage({ viewer }: { viewer: Viewer }) {
  return (
    <Result
      status="403"
      title="账号尚未分配工作台角色"
      subTitle={`您的账号（${viewer.name}）没有可用的工作台角色（当前角色：${roleNames(viewer.roles)}）。请联系系统管理员分配角色。`}
    />
  );
}
