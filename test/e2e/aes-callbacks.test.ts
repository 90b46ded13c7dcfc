/**
 * Encrypted (AES) callbacks in a REAL n8n 2.41.1: which content types reach the AIRudder Trigger.
 * n8n parses a webhook's body itself before the node sees it (by its content type), and answers 422
 * when that parse fails; the trigger decrypts the raw body. An AES callback's body is base64 text,
 * so how it is labelled decides whether it gets through.
 */
import path from 'node:path';

import got from 'got';
import type { IDataObject } from 'n8n-workflow';

import { aesEncrypt, aesSignature } from '../../nodes/Airudder/helpers/aes';
import { ensureN8nRuntime, N8nInstance, nodeOutput, type WorkflowJson } from '../support/n8n';

const ROOT = path.resolve(__dirname, '../..');
const KEY = 'airudderredduria';
const HOOK_ID = '6f0e8d2c-1b3a-4c5d-9e7f-a1b2c3d4e5f6';
const CREDENTIAL = { id: 'airudderCallbackAesCred', name: 'AIRudder Callback (AES)' };

const trigger: WorkflowJson = {
	id: 'airudderE2eAes',
	name: 'encrypted callbacks',
	settings: { executionOrder: 'v1' },
	connections: {},
	nodes: [
		{
			id: 'aes-1',
			name: 'AIRudder Trigger',
			type: 'n8n-nodes-airudder.airudderTrigger',
			typeVersion: 1.1,
			position: [0, 0],
			webhookId: HOOK_ID,
			parameters: {},
			credentials: { airudderCallbackApi: CREDENTIAL },
		},
	],
};

describe('AES callbacks in a real n8n 2.41.1: the content type decides whether they arrive', () => {
	let n8n: N8nInstance;
	const url = () => n8n.webhookUrl(HOOK_ID, 'airudder');

	beforeAll(async () => {
		await ensureN8nRuntime();
		n8n = new N8nInstance({ packageDir: ROOT });
		await n8n.importCredentials([
			{
				...CREDENTIAL,
				type: 'airudderCallbackApi',
				data: { carriedIn: 'none', encryption: 'required', aesSecretKey: KEY },
			},
		]);
		await n8n.importWorkflow(trigger);
		await n8n.publishWorkflow(trigger.id);
		await n8n.start();
	}, 10 * 60_000);

	afterAll(async () => await n8n?.stop(), 60_000);

	/** Posts one encrypted callback labelled `contentType`; what n8n answered and what the node got. */
	async function post(contentType: string | undefined, tag: string) {
		const callback = { workflow_id: `aes-${tag}`, status: 'delivered' };
		const text = JSON.stringify(callback);
		const before = new Set((await n8n.executions()).map((r) => r.id));
		const answer = await got.post(url(), {
			body: aesEncrypt(text, KEY),
			headers: {
				...(contentType ? { 'content-type': contentType } : {}),
				'is-encrypted': '1',
				signed: aesSignature(text),
			},
			throwHttpErrors: false,
			retry: { limit: 0 },
		});
		let item: IDataObject | undefined;
		if (answer.statusCode === 200) {
			const row = await n8n.waitForExecution(
				(r) => r.workflowId === trigger.id && !before.has(r.id),
			);
			item = nodeOutput(await n8n.executionRun(row.id), 'AIRudder Trigger')[0];
		} else {
			await new Promise((resolve) => setTimeout(resolve, 500));
			const after = (await n8n.executions()).filter((r) => !before.has(r.id));
			expect(after).toHaveLength(0);
		}
		return { status: answer.statusCode, body: answer.body, item, callback };
	}

	it.each([
		['text/plain'],
		['application/octet-stream'],
		['application/x-www-form-urlencoded'],
		[undefined],
	])(
		'Content-Type %s: the raw body reaches the trigger, decrypted into the item, answered 200 {}',
		async (contentType) => {
			const result = await post(contentType, String(contentType).replace(/\W/g, '-'));
			expect([result.status, result.body]).toEqual([200, '{}']);
			expect(result.item).toEqual({ ...result.callback, _event: 'unknown' });
		},
		60_000,
	);

	it.each([
		// (XML types are parsed as XML too, but n8n 2.41.1's shared XML parser answers a second
		// unparsable body inconsistently, so they are left out: the README says not to use them.)
		['application/json', /is not valid JSON/],
	])(
		'Content-Type %s: n8n itself refuses the body (422 "Failed to parse request body"), no execution',
		async (contentType, hint) => {
			const result = await post(contentType, contentType.replace(/\W/g, '-'));
			expect(result.status).toBe(422);
			const answer = JSON.parse(result.body) as IDataObject;
			expect(answer).toMatchObject({ code: 422, message: 'Failed to parse request body' });
			expect(String(answer.hint)).toMatch(hint);
			expect(result.item).toBeUndefined();
		},
		60_000,
	);
});
