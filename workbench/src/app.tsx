import { useEffect, useSyncExternalStore } from 'react';
import { ROLE_NAMES } from './auth/roles';
import type { Session } from './auth/session';
import { AREAS } from './areas';
import { matchPath, navigate, usePath } from './router';
import { Frame } from './shell/layout';
import { CallbackPage, ForbiddenPage, NoAreaPage, NotFoundPage, SignInPage } from './shell/pages';

/**
 * Which page a path shows, for whom. An area's pages are rendered only for the roles
 * the area names: a URL of another role's page shows 无权访问, never the page (the
 * API refuses the data too; this keeps the screens honest).
 */
export function App({ session }: { session: Session }) {
  const state = useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.current(),
  );
  const path = usePath();
  // A tab opened again after a while: find out now whether the sign-in still holds, not at the first request.
  useEffect(() => void session.accessToken().catch(() => undefined), [session]);
  if (path === '/callback') return <CallbackPage session={session} />;
  if (state.kind !== 'signed-in') return <SignInPage session={session} reason={state.kind} returnTo={path === '/' ? '/' : path + window.location.search} />;
  const viewer = state.viewer;
  const mine = AREAS.filter((area) => area.roles.some((role) => viewer.roles.includes(role)));
  if (path === '/') {
    if (mine.length === 0) return <NoAreaPage viewer={viewer} />;
    queueMicrotask(() => navigate(mine[0]!.base, { replace: true }));
    return null;
  }
  const area = AREAS.find((candidate) => path === candidate.base || path.startsWith(candidate.base + '/'));
  let body;
  if (!area) body = <NotFoundPage />;
  else if (!mine.includes(area)) body = <ForbiddenPage viewer={viewer} needs={area.roles.map((role) => ROLE_NAMES[role]).join('或')} />;
  else {
    const rest = path.slice(area.base.length) || '/';
    const found = area.pages.map((page) => ({ page, params: matchPath(page.path, rest) })).find((candidate) => candidate.params);
    body = found ? found.page.render(found.params!, viewer) : <NotFoundPage />;
  }
  return (
    <Frame areas={mine} path={path} viewer={viewer} session={session}>
      {body}
    </Frame>
  );
}
