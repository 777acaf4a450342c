import { Ajv2020 } from 'ajv/dist/2020.js';

type Schema = Record<string, unknown>;
type Operation = {
  requestBody?: { content: { 'application/json': { schema: Schema } } };
  responses: Record<string, { content?: { 'application/json': { schema: Schema } } }>;
};
export type OpenApiDoc = { paths: Record<string, Record<string, Operation>> };

/**
 * A developer-API client driven by the OpenAPI document: every request body is checked against the
 * operation's request schema (unless the test sends a deliberately invalid one), and every answer must have
 * a documented status whose schema it matches — a mismatch throws, failing the test. It records which
 * operations and statuses were exercised so a test can assert every documented operation was called.
 */
export class ContractClient {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  readonly covered = new Set<string>();

  constructor(
    readonly baseUrl: string,
    readonly doc: OpenApiDoc,
    public token: string,
  ) {}

  static async load(baseUrl: string, token: string) {
    const res = await fetch(`${baseUrl}/v2/openapi.json`);
    if (res.status !== 200) throw new Error(`openapi.json answered ${res.status}`);
    return new ContractClient(baseUrl, (await res.json()) as OpenApiDoc, token);
  }

  /** The documented path template a concrete path matches (static segments preferred, like the router). */
  template(method: string, path: string): { template: string; op: Operation } {
    const parts = path.split('?')[0]!.split('/');
    let best: { template: string; op: Operation; score: number } | undefined;
    for (const [template, methods] of Object.entries(this.doc.paths)) {
      const op = methods[method.toLowerCase()];
      const t = template.split('/');
      if (!op || t.length !== parts.length) continue;
      let score = 0;
      if (!t.every((seg, i) => seg.startsWith('{') || (seg === parts[i] && ++score > 0))) continue;
      if (!best || score > best.score) best = { template, op, score };
    }
    if (!best) throw new Error(`${method} ${path} is not in the OpenAPI document`);
    return best;
  }

  private check(schema: Schema, value: unknown, what: string) {
    const validate = this.ajv.compile(schema);
    if (!validate(value)) {
      throw new Error(
        `${what} does not match the document: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(value)}`,
      );
    }
  }

  async call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    opts: { invalidRequest?: boolean; token?: string | null } = {},
  ): Promise<{ status: number; body: T; headers: Headers }> {
    const { template, op } = this.template(method, path);
    const requestSchema = op.requestBody?.content['application/json'].schema;
    if (body !== undefined && !requestSchema) throw new Error(`${method} ${template} takes no body`);
    if (requestSchema && !opts.invalidRequest) this.check(requestSchema, body, `request of ${method} ${template}`);
    const token = opts.token === undefined ? this.token : opts.token;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : null;
    const documented = op.responses[String(res.status)];
    if (!documented) throw new Error(`${method} ${template} answered ${res.status}, not documented: ${text}`);
    const schema = documented.content?.['application/json'].schema;
    if (schema) this.check(schema, json, `answer ${res.status} of ${method} ${template}`);
    this.covered.add(`${method} ${template} ${res.status}`);
    return { status: res.status, body: json as T, headers: res.headers };
  }

  /** Every documented operation that no call reached with a 2xx answer. */
  uncovered(): string[] {
    const missing: string[] = [];
    for (const [template, methods] of Object.entries(this.doc.paths)) {
      for (const method of Object.keys(methods)) {
        const key = `${method.toUpperCase()} ${template}`;
        if (![...this.covered].some((c) => c.startsWith(`${key} 2`))) missing.push(key);
      }
    }
    return missing;
  }
}
