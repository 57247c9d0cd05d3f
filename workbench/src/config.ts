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

/** The nonce the page's policy allows style elements with (the component library injects its styles). */
export function styleNonce(): string | undefined {
  return document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content || undefined;
}

export const BASE = '/workbench';
