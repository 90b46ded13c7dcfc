/**
 * The AIRudder QA node in REAL n8n (2.41.1 and 1.123.81, installed as a community package) against
 * the sandbox's QA API over real HTTP on 127.0.0.1: examples/qa-negative-words.json (recordings →
 * Analyse Recordings) uploads both files byte for byte, starts both tasks, and the sandbox's signed
 * reports go to the callback URL it was given; the QA credential test signs in and reports a
 * wrong key pair without showing it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { QA_APP_KEY, QA_APP_SECRET, QA_PREFIX } from '../../sandbox/qa';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { qaSandboxCredential } from '../support/qa';
import { exampleWav, jsonReceiver } from '../support/qa-files';
import {
	ensureN8nRuntime,
	N8N_VERSIONS,
	N8nInstance,
	nodeOutput,
	type WorkflowJson,
} from '../support/n8n';

const ROOT = path.resolve(__dirname, '../..');
const CREDENTIAL = {
	id: 'airudderQaSandboxCred',
	name: 'AIRudder QA sandbox',
	type: 'airudderQaApi',
};
const flow = JSON.parse(
	readFileSync(path.join(ROOT, 'examples', 'qa-negative-words.json'), 'utf8'),
) as WorkflowJson;

describe.each([2, 1] as const)('AIRudder QA in a real n8n (line %i)', (line) => {
	let sandbox: Sandbox;
	let n8n: N8nInstance;
	let hook: Awaited<ReturnType<typeof jsonReceiver>>;

	beforeAll(async () => {
		await ensureN8nRuntime(line);
		hook = await jsonReceiver();
		sandbox = await startSandbox({ callbackDelayMs: 20, qaCallbackUrl: hook.url });
		n8n = new N8nInstance({ packageDir: ROOT, line });
		await n8n.importCredentials([qaSandboxCredential(sandbox.url)]);
		await n8n.importWorkflow(flow);
	}, 20 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.close();
		await hook?.close();
	}, 60_000);

	test(`examples/qa-negative-words.json in n8n ${N8N_VERSIONS[line]}: both recordings uploaded byte for byte and started; the signed reports are sent`, async () => {
		const result = await n8n.execute(String(flow.id));
		expect(result.data.resultData.error).toBeUndefined();
		const analysed = nodeOutput(result, 'Analyse Recordings');
		expect(
			analysed.map((j) => [j.RecordingID, j.RecordingName, j.bytes, j.uploaded, j.started]),
		).toEqual([
			[1001, '1001.wav', 96_044, true, true],
			[1002, '1002.wav', 160_044, true, true],
		]);
		const expected = [exampleWav(3, 7), exampleWav(5, 11)];
		analysed.forEach((item, i) => {
			const task = sandbox.qa.tasks.get(String(item.TaskID));
			expect(task?.recordings).toEqual([
				expect.objectContaining({
					RecordingID: 1001 + i,
					bytes: expected[i].length,
					sha256: createHash('sha256').update(expected[i]).digest('hex'),
				}),
			]);
		});
		const uploads = sandbox.requests.filter((r) => r.path === `${QA_PREFIX}task/recording`);
		expect(uploads.map((r) => r.headers.authorization)).toEqual([
			expect.stringMatching(/^Bearer [0-9a-f]{48}$/),
			expect.stringMatching(/^Bearer [0-9a-f]{48}$/),
		]);
		expect(sandbox.qa.tokensIssued).toBe(1);
		const deadline = Date.now() + 20_000;
		while (hook.bodies.length < 2 && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 50));
		expect(hook.bodies.map((b) => b.TaskID).sort()).toEqual(analysed.map((j) => j.TaskID).sort());
		for (const body of hook.bodies)
			expect(body.Sign).toBe(
				createHash('md5')
					.update(`${String(body.TaskID)}airudder`)
					.digest('hex'),
			);
	}, 180_000);

	if (line === 2)
		test('the QA credential test signs in, and reports a wrong key pair without showing it', async () => {
			await n8n.start();
			await n8n.login();
			const test = (data: IDataObject) =>
				n8n.rest<{ data: { status: string; message: string } }>('POST', '/credentials/test', {
					credentials: { ...CREDENTIAL, data },
				});
			const base = { appKey: QA_APP_KEY, appSecret: QA_APP_SECRET, baseUrl: `${sandbox.url}/qa` };
			expect((await test(base)).data.status).toBe('OK');
			const bad = await test({ ...base, appSecret: 'not-the-secret-4Kq' });
			expect(bad.data.status).toBe('Error');
			expect(bad.data.message).toMatch(/AIRudder QA refused the APPKey\/APPSecret: HTTP 401/);
			expect(bad.data.message).not.toContain('not-the-secret-4Kq');
		}, 180_000);
});
