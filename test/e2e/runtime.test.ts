/**
 * Proves the real-n8n harness (test/support/n8n.ts) with the fixture nodes of
 * test/fixtures/e2e-nodes: CLI runs with imported credentials, and a webhook POST into a
 * published custom trigger through `n8n start`.
 */
import path from 'node:path';
import got from 'got';
import type { INodeCredentials, INodeParameters } from 'n8n-workflow';
import { N8nInstance, ensureN8nRuntime, nodeOutput, type WorkflowJson } from '../support/n8n';

const FIXTURES = path.join(__dirname, '../fixtures/e2e-nodes');
const CREDENTIAL = {
	id: 'e2eEchoCred0001',
	name: 'Echo creds',
	type: 'echoApi',
	data: { token: 's3cret' },
};
const WEBHOOK_ID = '6f1d5c1e-2b7a-4c1e-9a51-3c0e8d2f7b10';

/** Manual Trigger → Echo, with the given Echo parameters and credentials. */
function manualEcho(
	id: string,
	parameters: INodeParameters,
	credentials?: INodeCredentials,
): WorkflowJson {
	return {
		id,
		name: id,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-1`,
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: `${id}-2`,
				name: 'Echo',
				type: 'CUSTOM.echo',
				typeVersion: 1,
				position: [220, 0],
				parameters,
				credentials,
			},
		],
		connections: { Start: { main: [[{ node: 'Echo', type: 'main', index: 0 }]] } },
	};
}

const HOOK: WorkflowJson = {
	id: 'e2eEchoHook0001',
	name: 'echo webhook',
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'hook-1',
			name: 'Echo Trigger',
			type: 'CUSTOM.echoTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			webhookId: WEBHOOK_ID,
		},
		{
			id: 'hook-2',
			name: 'Echo',
			type: 'CUSTOM.echo',
			typeVersion: 1,
			position: [220, 0],
			parameters: { message: 'from-webhook' },
		},
	],
	connections: { 'Echo Trigger': { main: [[{ node: 'Echo', type: 'main', index: 0 }]] } },
};

describe('real n8n harness', () => {
	let n8n: N8nInstance | undefined;

	beforeAll(async () => {
		await ensureN8nRuntime(); // minutes on a cold machine
		n8n = new N8nInstance({ customNodesDir: FIXTURES });
		await n8n.importCredentials([CREDENTIAL]);
		await n8n.importWorkflow([
			manualEcho(
				'e2eEchoCli00001',
				{ message: 'hi' },
				{ echoApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
			),
			manualEcho('e2eEchoFail0001', { fail: true }),
			HOOK,
		]);
		await n8n.publishWorkflow(HOOK.id);
	}, 20 * 60_000);

	afterAll(() => n8n?.stop(), 60_000);

	test('n8n execute runs a custom node that reads imported credentials', async () => {
		const run = await n8n!.execute('e2eEchoCli00001');
		expect(run.status).toBe('success');
		expect(nodeOutput(run, 'Echo')).toEqual([{ echo: 'hi', input: {}, token: 's3cret' }]);
	}, 120_000);

	test('a failing custom node fails the CLI run with its message', async () => {
		const run = await n8n!.execute('e2eEchoFail0001');
		expect(run.status).toBe('error');
		expect(run.data.resultData.error?.message).toBe('Echo was asked to fail');
	}, 120_000);

	test('a webhook POST into a published custom trigger is answered and executed', async () => {
		await n8n!.start();
		const res = await got.post(n8n!.webhookUrl(WEBHOOK_ID, 'echo-hook'), {
			json: { n: 42 },
			responseType: 'json',
		});
		expect(res.statusCode).toBe(200);
		expect(res.body).toEqual({ ok: true });

		const row = await n8n!.waitForExecution((e) => e.workflowId === HOOK.id);
		expect(row).toMatchObject({ mode: 'webhook', status: 'success' });
		const run = await n8n!.executionRun(row.id);
		expect(nodeOutput(run, 'Echo')).toEqual([
			{ echo: 'from-webhook', input: { received: { n: 42 } } },
		]);

		const listed = await n8n!.rest<{ data: { results: { id: string }[] } }>('GET', '/executions');
		expect(listed.data.results.map((e) => e.id)).toContain(String(row.id));
	}, 180_000);
});
