import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/modules/tokens/service';
import { factories } from './support/factories';
import { ContractClient } from './support/openapi-client';
import { startTestRuntime, type TestRuntime } from './support/runtime';

describe('API v2 contract: contacts', () => {
  let rt: TestRuntime;
  let api: ContractClient;

  beforeAll(async () => {
    rt = await startTestRuntime();
    const f = factories(rt.ctx);
    const w = await f.workspace({ defaultCountry: 'MX' });
    const { token } = await createApiToken(w.scope, 'test', w.owner.id);
    api = await ContractClient.load(rt.url, token);
  });
  afterAll(async () => rt?.close());

  it('creates, reads, updates and deletes a contact by identifier', async () => {
    const created = await api.call('POST', '/v2/contact/phone:55%201234%205678', {
      firstName: 'Ana',
      email: 'ana@example.com',
    });
    expect(created.status).toBe(200);
    const got = await api.call('GET', '/v2/contact/phone:+525512345678');
    expect(got.body).toMatchObject({
      id: created.body.contactId,
      firstName: 'Ana',
      phone: '+525512345678',
      email: 'ana@example.com',
    });
  });
});
