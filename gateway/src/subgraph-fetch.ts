import type { Fetcher, FetcherHeaders, FetcherResponse } from '@apollo/utils.fetcher';
import { Agent, request } from 'undici';
import { LIMITS } from './limits';

/**
 * Connections to the subgraphs, kept alive between fetches. The servers keep an
 * idle socket for 65 s (`httpServerFor`), longer than this agent does, so a
 * reused socket is never closed under a request.
 */
const agent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });

/** The answer a subgraph's oversized response is replaced with: the fetch's fields become null with this error. */
function tooLarge(url: string, maxBytes: number): BufferedResponse {
  const body = JSON.stringify({
    data: null,
    errors: [
      {
        message: `子服务的应答超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限，请缩小查询范围，抽取记录请从其下载地址获取 (a subgraph's answer is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit; ask for less, e.g. download draw records from recordUrl)`,
        extensions: { code: 'RESPONSE_TOO_LARGE', maxBytes },
      },
    ],
  });
  return new BufferedResponse(url, 200, new ResponseHeaders({ 'content-type': 'application/json' }), body);
}

/**
 * How the gateway calls subgraphs: undici's own `request` over kept-alive
 * connections — Node's `fetch` is undici too, but wraps every call in WHATWG
 * Request, Response, Headers and web streams, which cost the gateway more CPU
 * than the rest of a subgraph fetch. A subgraph's HTTP 400 that carries
 * GraphQL errors — a variable the subgraph refused, such as an impossible
 * date — is handed on as an ordinary GraphQL answer, so the caller sees the
 * subgraph's own error code instead of an opaque gateway failure.
 *
 * An answer larger than `maxBytes` is not read further: the connection is
 * dropped and the fetch answered with RESPONSE_TOO_LARGE, so no client can
 * make the gateway hold more than that per fetch.
 */
export function subgraphFetcher(maxBytes: number): Fetcher {
  return async (url, init) => {
    const response = await request(url, {
      method: (init?.method ?? 'GET') as 'GET' | 'POST',
      headers: init?.headers,
      body: init?.body,
      signal: init?.signal,
      dispatcher: agent,
    });
    // Dropping the body aborts the request; that abort is the point, not an error to report.
    const drop = () => {
      response.body.on('error', () => undefined);
      response.body.destroy();
    };
    const declared = Number(response.headers['content-length']);
    if (declared > maxBytes) {
      drop();
      return tooLarge(url, maxBytes);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        drop();
        return tooLarge(url, maxBytes);
      }
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks, size).toString('utf8');
    const headers = new ResponseHeaders(response.headers);
    if (response.statusCode === 400 && headers.get('content-type')?.includes('json')) {
      try {
        const body = JSON.parse(text) as { errors?: unknown };
        if (Array.isArray(body.errors)) return new BufferedResponse(url, 200, headers, text);
      } catch {
        // not JSON after all: fall through with the original status
      }
    }
    return new BufferedResponse(url, response.statusCode, headers, text);
  };
}

/** The fetcher with the gateway's default cap. */
export const subgraphFetch: Fetcher = subgraphFetcher(LIMITS.maxSubgraphAnswerBytes);

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Payload Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The response headers undici hands over (lower-case names), behind the fetch Headers interface. */
class ResponseHeaders implements FetcherHeaders {
  private readonly fields = new Map<string, string>();

  constructor(raw: Record<string, string | string[] | undefined>) {
    for (const [name, value] of Object.entries(raw)) {
      if (value !== undefined) this.fields.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
    }
  }

  get(name: string): string | null {
    return this.fields.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.fields.has(name.toLowerCase());
  }

  append(name: string, value: string): void {
    const current = this.get(name);
    this.fields.set(name.toLowerCase(), current === null ? value : `${current}, ${value}`);
  }

  set(name: string, value: string): void {
    this.fields.set(name.toLowerCase(), value);
  }

  delete(name: string): void {
    this.fields.delete(name.toLowerCase());
  }

  entries(): IterableIterator<[string, string]> {
    return this.fields.entries();
  }

  keys(): IterableIterator<string> {
    return this.fields.keys();
  }

  values(): IterableIterator<string> {
    return this.fields.values();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.fields.entries();
  }
}

/** A subgraph's whole answer, already read: the gateway parses it once, as JSON or text. */
class BufferedResponse implements FetcherResponse {
  readonly redirected = false;
  bodyUsed = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly headers: ResponseHeaders,
    private readonly body: string,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get statusText(): string {
    return STATUS_TEXT[this.status] ?? '';
  }

  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.body;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the Fetch API's own json() signature
  async json(): Promise<any> {
    this.bodyUsed = true;
    return JSON.parse(this.body);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    const bytes = Buffer.from(this.body, 'utf8');
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): FetcherResponse {
    return new BufferedResponse(this.url, this.status, this.headers, this.body);
  }
}
