/** What the gateway put in the page: where people sign in, and where the API is. */
export interface BootConfig {
  issuer: string | null;
  clientId: string | null;
  graphql: string;
}

export function readBootConfig(): BootConfig {
  const element = document.getElementById('workbench-config');
  return JSON.parse(element?.textContent ?? '{}') as BootConfig;
}

export const BASE = '/workbench';
