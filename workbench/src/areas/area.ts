import type { ReactNode } from 'react';
import type { Role } from '../auth/roles';
import type { Viewer } from '../auth/session';

/** One page of an area: its path below the area's base (`/`, `/tasks/:id`) and what it shows. */
export interface AreaPage {
  path: string;
  title: string;
  render(params: Record<string, string>, viewer: Viewer): ReactNode;
}

/** One role's part of the workbench: reachable only by the roles it names, whatever the URL. */
export interface Area {
  key: string;
  /** The path under /workbench, e.g. `/coordinator`. */
  base: string;
  title: string;
  roles: Role[];
  /** The left menu's entries: a path below the base and its label. */
  menu: { path: string; label: string }[];
  pages: AreaPage[];
}
