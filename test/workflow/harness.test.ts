import { existsSync, statSync } from 'node:fs';

import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { HarnessFunctionAuthApi } from '../fixtures/harness/HarnessFunctionAuthApi.credentials';
import { HarnessTokenApi } from '../fixtures/harness/HarnessTokenApi.credentials';
import { HarnessTokenClient } from '../fixtures/harness/HarnessTokenClient.node';
import { HarnessWebhookTrigger } from '../fixtures/harness/HarnessWebhookTrigger.node';
import { FILE_BYTES, startTokenServer } from '../fixtures/harness/token-server';
import type { TokenServer } from '../fixtures/harness/token-server';
import tokenClientWorkflow from '../fixtures/harness/token-client.workflow.json';
import { TEST_ITEMS_TYPE, WorkflowHarness } from '../support/workflow';
import type { CredentialEvent, HarnessWorkflow } from '../support/workflow';

const CLIENT = 'Token Client';

/** The token events (sign-ins, saves), without the credential reads. */
const tokenEvents = (events: readonly CredentialEvent[]) =>
	events.filter((e) => e.kind !== 'getDecrypted');

/** The exported workflow with the Token Client node's parameters/settings changed. */
function variant(change: Partial<INode>): HarnessWorkflow {
	const workflow = structuredClone(tokenClientWorkflow) as unknown as HarnessWorkflow;
	workflow.nodes = workflow.nodes.map((node) =>
		node.name === CLIENT
			? { ...node, ...change, parameters: { ...node.parameters, ...change.parameters } }
			: node,
	);
	return workflow;
}

describe('workflow harness (n8n-core WorkflowExecute, real HTTP on 127.0.0.1)', () => {
	let server: TokenServer;
	let harness: WorkflowHarness;

	beforeAll(async () => {
		server = await startTokenServer();
		harness = new WorkflowHarness({
			nodeTypes: {
				'test.tokenClient': new HarnessTokenClient(),
				'test.webhookTrigger': new HarnessWebhookTrigger(),
			},
			credentialTypes: [new HarnessTokenApi(), new HarnessFunctionAuthApi()],
			credentials: {
				harnessTokenApi: { apiKey: server.apiKey, baseUrl: server.url },
				harnessFunctionAuthApi: { apiKey: server.apiKey, baseUrl: server.url },
			},
		});
	});

	afterAll(async () => {
		await harness.close();
		await server.close();
	});

	test('3 executions of a 5-item workflow exchange the token exactly once', async () => {
		const workflow = tokenClientWorkflow as unknown as HarnessWorkflow;
		for (let run = 0; run < 3; run++) {
			const result = await harness.run(workflow);
			expect(result.error).toBeUndefined();
			expect(result.status).toBe('success');
			expect(result.nodeExecutionOrder).toEqual([
				'When clicking ‘Execute workflow’',
				'Five Items',
				CLIENT,
			]);
			expect(result.json(CLIENT)).toEqual(
				[0, 1, 2, 3, 4].map((i) => ({ i, token: 'tok-1', client: 'harness' })),
			);
		}

		expect(server.exchanges).toBe(1);
		const dataCalls = server.requests.filter((r) => r.path === '/data');
		expect(dataCalls).toHaveLength(15);
		expect(dataCalls.every((r) => r.authorization === 'Bearer tok-1' && r.status === 200)).toBe(
			true,
		);
		// The token was persisted through updateCredentials, the stored secrets untouched.
		expect(harness.credentialsStore('harnessTokenApi')).toEqual({
			apiKey: server.apiKey,
			baseUrl: server.url,
			sessionToken: 'tok-1',
		});
		expect(tokenEvents(harness.credentialEvents).map((e) => e.kind)).toEqual([
			'preAuthentication',
			'updateCredentials',
		]);
		expect(tokenEvents(harness.credentialEvents)[0]).toMatchObject({
			type: 'harnessTokenApi',
			node: CLIENT,
			expired: false,
		});
	});

	test('a token expiring server-side is refreshed exactly once (401 → preAuthentication → retry)', async () => {
		const workflow = tokenClientWorkflow as unknown as HarnessWorkflow;
		if (!harness.credentialsStore('harnessTokenApi').sessionToken) await harness.run(workflow);
		const oldToken = harness.credentialsStore('harnessTokenApi').sessionToken as string;
		const exchangesBefore = server.exchanges;
		const eventsBefore = harness.credentialEvents.length;
		const requestsBefore = server.requests.length;
		server.expireTokens();

		const result = await harness.run(workflow);

		expect(result.status).toBe('success');
		expect(server.exchanges).toBe(exchangesBefore + 1);
		const newToken = `tok-${server.exchanges}`;
		expect(result.json(CLIENT).map((j) => j.token)).toEqual(Array(5).fill(newToken));
		// First item: rejected old token, exchange, same request retried; then the stored new token.
		expect(
			server.requests
				.slice(requestsBefore)
				.map((r) => `${r.path} ${r.status} ${r.authorization ?? ''}`),
		).toEqual([
			`/data 401 Bearer ${oldToken}`,
			'/auth 200 ',
			...Array(5).fill(`/data 200 Bearer ${newToken}`),
		]);
		expect(tokenEvents(harness.credentialEvents.slice(eventsBefore))).toMatchObject([
			{ kind: 'preAuthentication', expired: true },
			{ kind: 'updateCredentials', data: { sessionToken: newToken } },
		]);
		expect(harness.credentialsStore('harnessTokenApi').sessionToken).toBe(newToken);
	});

	test('a node error fails the run with the NodeApiError instance (and its copy in resultData.error)', async () => {
		const result = await harness.run(variant({ parameters: { operation: 'missing' } }));

		expect(result.status).toBe('error');
		expect(result.lastNodeExecuted).toBe(CLIENT);
		expect(result.error).toBeInstanceOf(NodeApiError);
		const error = result.error as NodeApiError;
		expect(error.httpCode).toBe('404');
		expect(error.message).toMatch(/could not be found/i);
		expect(error.description).toContain('Thing not found');
		expect(error.node?.name).toBe(CLIENT);
		// n8n-core 2.41 keeps only plain-object spreads of that error in the run data.
		expect(result.resultError).toBe(result.run.data.resultData.error);
		expect(result.resultError).not.toBeInstanceOf(NodeApiError);
		expect(result.runData[CLIENT][0].error).toMatchObject({
			name: 'NodeApiError',
			message: error.message,
		});
		expect(result.resultError).toMatchObject({
			name: 'NodeApiError',
			message: error.message,
			description: error.description,
			httpCode: '404',
		});
		expect(() => result.output(CLIENT)).toThrow(/failed/);
	});

	test('continueOnFail turns each failure into an error item and the run succeeds', async () => {
		for (const settings of [
			{ continueOnFail: true },
			{ onError: 'continueRegularOutput' as const },
		]) {
			const result = await harness.run(
				variant({ parameters: { operation: 'missing' }, ...settings }),
			);
			expect(result.status).toBe('success');
			expect(result.error).toBeUndefined();
			const items = result.json(CLIENT);
			expect(items).toHaveLength(5);
			for (const item of items) expect(String(item.error)).toMatch(/could not be found/i);
		}
	});

	test('a streamed download lands in filesystem binary data and reads back byte for byte', async () => {
		const result = await harness.run(variant({ parameters: { operation: 'download' } }));

		expect(result.status).toBe('success');
		const [item] = result.output(CLIENT);
		expect(item.json).toEqual({ streamed: true });
		expect(item.binary?.data).toMatchObject({
			fileName: 'recording.bin',
			mimeType: 'application/octet-stream',
			bytes: FILE_BYTES.length,
		});
		expect(item.binary?.data.id).toMatch(/^filesystem-v2:/);
		expect((await harness.readBinary(item)).equals(FILE_BYTES)).toBe(true);
		const file = await harness.binaryFilePath(item);
		expect(file && existsSync(file) && statSync(file).size).toBe(FILE_BYTES.length);
	});

	test('a function authenticate is applied as is', async () => {
		const result = await harness.run(
			variant({
				parameters: { authentication: 'function', operation: 'functionAuth' },
				credentials: { harnessFunctionAuthApi: { id: '2', name: 'Function auth account' } },
			}),
		);
		expect(result.status).toBe('success');
		expect(result.json(CLIENT)).toEqual(Array(5).fill({ ok: true }));
	});

	test('loadOptions runs through a real LoadOptionsContext and reuses the stored token', async () => {
		const exchangesBefore = server.exchanges;
		const options = await harness.loadOptions('test.tokenClient', 'getThings', {
			operation: 'get',
		});
		expect(options).toEqual([
			{ name: 'First', value: 't1' },
			{ name: 'Second', value: 't2' },
		]);
		expect(server.exchanges).toBe(exchangesBefore);
		expect(server.requests.at(-1)).toMatchObject({ path: '/things', query: { client: 'harness' } });
	});

	test('webhook() gets a real WebhookContext over a fake express request/response', async () => {
		const body = { event: 'call_end', id: 7 };
		const result = await harness.webhook(
			'test.webhookTrigger',
			{ label: 'calls' },
			{ body, headers: { 'X-Signature': 'abc' }, ip: '10.1.2.3' },
		);
		expect(result.webhookResponse).toEqual({ received: true });
		expect(result.workflowData?.[0].map((i) => i.json)).toEqual([
			{
				body,
				signature: 'abc',
				rawLength: JSON.stringify(body).length,
				ip: '10.1.2.3',
				label: 'calls',
				webhookName: 'default',
			},
		]);

		const rejected = await harness.webhook('test.webhookTrigger', { reject: true }, { body });
		expect(rejected.noWebhookResponse).toBe(true);
		expect(rejected.response).toMatchObject({
			statusCode: 403,
			body: { message: 'rejected' },
			ended: true,
		});
	});

	test('run options: timezone reaches expressions', async () => {
		const result = await harness.run(
			{
				nodes: [
					{
						id: 'a',
						name: 'Start',
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					{
						id: 'b',
						name: 'Items',
						type: TEST_ITEMS_TYPE,
						typeVersion: 1,
						position: [200, 0],
						parameters: { items: '={{ JSON.stringify([{ zone: $now.zoneName }]) }}' },
					},
				],
				connections: { Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] } },
			},
			{ timezone: 'Asia/Shanghai' },
		);
		expect(result.json('Items')).toEqual([{ zone: 'Asia/Shanghai' }]);
	});

	test('a refused key fails the run (preAuthentication is retried once on its own 401)', async () => {
		const bad = new WorkflowHarness({
			nodeTypes: { 'test.tokenClient': new HarnessTokenClient() },
			credentialTypes: [new HarnessTokenApi()],
			credentials: { harnessTokenApi: { apiKey: 'wrong', baseUrl: server.url } },
		});
		try {
			const requestsBefore = server.requests.length;
			const result = await bad.run(tokenClientWorkflow as unknown as HarnessWorkflow);
			expect(result.status).toBe('error');
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(server.requests.slice(requestsBefore).map((r) => `${r.path} ${r.status}`)).toEqual([
				'/auth 401',
				'/auth 401',
			]);
			expect(tokenEvents(bad.credentialEvents).map((e) => e.kind)).toEqual([
				'preAuthentication',
				'preAuthentication',
			]);
			expect(bad.credentialsStore('harnessTokenApi').sessionToken).toBeUndefined();
		} finally {
			await bad.close();
		}
	});
});
