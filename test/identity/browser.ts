/**
 * A browser as far as the sign-in pages need one: keeps cookies, follows
 * redirects one at a time (so a test sees where the provider sends it), and reads
 * the forms of a server-rendered page.
 */
export class Browser {
  private readonly cookies = new Map<string, string>();

  private remember(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key, raw] = attribute.split('=').map((part) => part.trim());
        if (key?.toLowerCase() === 'max-age') return Number(raw) <= 0;
        if (key?.toLowerCase() === 'expires') return new Date(raw!).getTime() <= Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(url, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    this.remember(response);
    return response;
  }

  /**
   * Follows redirects from `url` until a page answers, or until a redirect leaves
   * for `stopAt` (the workbench's callback, which no server answers in the tests).
   */
  async follow(url: string, stopAt: string, init: { form?: Record<string, string> } = {}): Promise<{ url: string; response?: Response; text?: string }> {
    let current = url;
    let response = await this.request(current, init);
    for (let hops = 0; hops < 10; hops++) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, response, text: await response.text() };
      await response.arrayBuffer();
      current = new URL(location, current).toString();
      if (current.startsWith(stopAt)) return { url: current };
      response = await this.request(current);
    }
    throw new Error(`too many redirects from ${url}`);
  }
}

/** The first form of a page: where it posts and its hidden fields. */
export function formOf(page: string, id?: string): { action: string; fields: Record<string, string> } {
  const forms = [...page.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
  const form = id ? forms.find((match) => match[1]!.includes(`id="${id}"`)) : forms[0];
  if (!form) throw new Error(`no form${id ? ` ${id}` : ''} in the page:\n${page}`);
  const action = /action="([^"]*)"/.exec(form[1]!)?.[1] ?? '';
  const fields: Record<string, string> = {};
  for (const input of form[2]!.matchAll(/<input\b([^>]*)>/g)) {
    const name = /name="([^"]*)"/.exec(input[1]!)?.[1];
    const type = /type="([^"]*)"/.exec(input[1]!)?.[1];
    if (name && type === 'hidden') fields[name] = /value="([^"]*)"/.exec(input[1]!)?.[1] ?? '';
  }
  return { action: action.replace(/&amp;/g, '&'), fields };
}
