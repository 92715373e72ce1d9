/** A minimal browser-like HTTP client for page tests without a browser: cookies, same-origin form posts. */
export interface PageResponse {
  status: number;
  location: string | null;
  body: string;
  headers: Headers;
}

export class WebClient {
  readonly cookies = new Map<string, string>();
  /** `headers` go with every request (e.g. `x-forwarded-for`, so that many clients look like many people). */
  constructor(
    readonly baseUrl: string,
    readonly headers: Record<string, string> = {},
  ) {}

  #cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  #base(): Record<string, string> {
    return { ...this.headers, cookie: this.#cookieHeader() };
  }

  #remember(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(
    method: string,
    path: string,
    body?: URLSearchParams | Record<string, string | string[]>,
  ): Promise<PageResponse> {
    const headers: Record<string, string> = this.#base();
    let payload: string | undefined;
    if (body !== undefined) {
      const params = body instanceof URLSearchParams ? body : new URLSearchParams();
      if (!(body instanceof URLSearchParams)) {
        for (const [k, v] of Object.entries(body))
          for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
      }
      payload = params.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    if (method !== 'GET') headers.origin = new URL(this.baseUrl).origin;
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      body: payload,
      redirect: 'manual',
    });
    this.#remember(response.headers);
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: await response.text(),
      headers: response.headers,
    };
  }

  /** A download: status, headers and the raw bytes. */
  async download(path: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
    const response = await fetch(new URL(path, this.baseUrl), {
      headers: this.#base(),
      redirect: 'manual',
    });
    return {
      status: response.status,
      headers: response.headers,
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  }

  /** A multipart form post with several files in one field, as `<input type="file" multiple>` sends it. */
  async uploadFiles(
    path: string,
    fields: Record<string, string>,
    files: { field: string; name: string; type: string; bytes: Buffer }[],
  ): Promise<PageResponse> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const file of files)
      form.append(file.field, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
    const response = await fetch(new URL(path, this.baseUrl), {
      method: 'POST',
      headers: { ...this.#base(), origin: new URL(this.baseUrl).origin },
      body: form,
      redirect: 'manual',
    });
    this.#remember(response.headers);
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: await response.text(),
      headers: response.headers,
    };
  }

  /** A multipart form post with one file, as a browser without JavaScript sends it. */
  async upload(
    path: string,
    fields: Record<string, string>,
    file: { field: string; name: string; type: string; bytes: Buffer },
  ): Promise<PageResponse> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append(file.field, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
    const response = await fetch(new URL(path, this.baseUrl), {
      method: 'POST',
      headers: { ...this.#base(), origin: new URL(this.baseUrl).origin },
      body: form,
      redirect: 'manual',
    });
    this.#remember(response.headers);
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: await response.text(),
      headers: response.headers,
    };
  }

  /**
   * Like `request`, with headers added or replaced (a foreign `origin`, `sec-fetch-site`, `accept`, a CSRF
   * header); a null value leaves that header out. Keeps and updates the cookies like every request.
   */
  async requestWithHeaders(
    method: string,
    path: string,
    body: Record<string, string> | undefined,
    extra: Record<string, string | null>,
  ): Promise<PageResponse> {
    const headers: Record<string, string> = this.#base();
    if (method !== 'GET') headers.origin = new URL(this.baseUrl).origin;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = new URLSearchParams(body).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    for (const [name, value] of Object.entries(extra)) {
      if (value === null) delete headers[name];
      else headers[name] = value;
    }
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      body: payload,
      redirect: 'manual',
    });
    this.#remember(response.headers);
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: await response.text(),
      headers: response.headers,
    };
  }

  get(path: string) {
    return this.request('GET', path);
  }

  post(path: string, body: URLSearchParams | Record<string, string | string[]> = {}) {
    return this.request('POST', path, body);
  }
}
