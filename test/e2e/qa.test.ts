/**
 * The AIRudder QA node and the AIRudder Trigger's QA report in REAL n8n (2.41.1 and 1.123.81,
 * installed as a community package) against the sandbox's QA API over real HTTP on 127.0.0.1:
 * examples/qa-negative-words.json is imported and published (its AIRudder Trigger listens), the
 * sandbox is told (admin route `POST /__sandbox/qa/callback`) to post its signed reports to that
 * trigger's Production URL, as AIRudder posts them to the callback URL of an account, and the
 * example's manual part (recordings → Analyse Recordings) is run. Both recordings are uploaded
 * byte for byte and started; each report starts the trigger part once, with one item per
 * recording whose TaskID is the one Analyse Recordings output, and the If routes it by its
 * negative-word score. The QA credential test signs in and reports a wrong key pair without
 * showing it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import got from 'got';
import type { IDataObject, INode } from 'n8n-workflow';

import { QA_REPORT_EVENT } from '../../nodes/Airudder/trigger/events';
import { QA_APP_KEY, QA_APP_SECRET, QA_PREFIX } from '../../sandbox/qa';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { qaSandboxCredential } from '../support/qa';
import { exampleWav } from '../support/qa-files';
import {
	ensureN8nRuntime,
	N8N_VERSIONS,
	N8nInstance,
	nodeOutput,
	type RunResult,
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
const trigger = flow.nodes.find((n: INode) => n.name === 'QA Reports')!;

describe.each([2, 1] as const)('AIRudder QA in a real n8n (line %i)', (line) => {
	let sandbox: Sandbox;
	let n8n: N8nInstance;
	let productionUrl: string;

	/** Waits for `count` finished executions the trigger started and returns their runs. */
	const triggerRuns = async (count: number): Promise<RunResult[]> => {
		const ofTrigger = async () =>
			(await n8n.executions()).filter((r) => r.workflowId === flow.id && r.mode === 'webhook');
		const deadline = Date.now() + 60_000;
		let rows = await ofTrigger();
		while (
			(rows.length < count || rows.some((r) => r.status === 'new' || r.status === 'running')) &&
			Date.now() < deadline
		) {
			await new Promise((resolve) => setTimeout(resolve, 300));
			rows = await ofTrigger();
		}
		expect(rows).toHaveLength(count);
		return await Promise.all(rows.map(async (row) => await n8n.executionRun(row.id)));
	};

	beforeAll(async () => {
		await ensureN8nRuntime(line);
		sandbox = await startSandbox({ callbackDelayMs: 20 });
		n8n = new N8nInstance({ packageDir: ROOT, line });
		await n8n.importCredentials([qaSandboxCredential(sandbox.url)]);
		await n8n.importWorkflow(flow);
		await n8n.publishWorkflow(String(flow.id));
		await n8n.start();
		// what a customer gives AIRudder: the published trigger's Production URL
		productionUrl = n8n.webhookUrl(String(trigger.webhookId), 'airudder');
		const configured = await got
			.post(`${sandbox.url}/__sandbox/qa/callback`, {
				json: { url: productionUrl },
				retry: { limit: 0 },
			})
			.json<IDataObject>();
		expect(configured).toMatchObject({ callbackUrl: productionUrl });
	}, 20 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.close();
	}, 60_000);

	test(`examples/qa-negative-words.json in n8n ${N8N_VERSIONS[line]}: both recordings uploaded byte for byte and started; each signed report runs the trigger part, one item per recording, routed by its score`, async () => {
		const result = await n8n.execute(String(flow.id));
		expect(result.data.resultData.error).toBeUndefined();
		const analysed = nodeOutput(result, 'Analyse Recordings');
		expect(
			analysed.map((j) => [j.RecordingID, j.RecordingName, j.bytes, j.uploaded, j.started]),
		).toEqual([
			[1001, '1001.wav', 96_044, true, true],
			[1002, '1002.wav', 160_044, true, true],
		]);
		const expected = [exampleWav(3, 7), exampleWav(5, 13)];
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

		// the sandbox's signed reports arrive at the trigger: one execution per task
		const runs = await triggerRuns(2);
		for (const item of analysed) {
			const task = sandbox.qa.tasks.get(String(item.TaskID));
			expect(task?.callbacks).toEqual([
				{
					url: productionUrl,
					status: 200,
					sign: createHash('md5')
						.update(`${String(item.TaskID)}airudder`)
						.digest('hex'),
				},
			]);
		}
		const reported = runs.map((run) => {
			expect(run.status).toBe('success');
			const items = nodeOutput(run, 'QA Reports');
			expect(items).toHaveLength(1); // one recording per task
			return { run, item: items[0] };
		});
		const byTask = new Map(analysed.map((j) => [String(j.TaskID), j]));
		expect(reported.map(({ item }) => String(item.TaskID)).sort()).toEqual(
			[...byTask.keys()].sort(),
		);
		const scores: Record<string, unknown> = {};
		for (const { run, item } of reported) {
			const source = byTask.get(String(item.TaskID))!;
			expect(item).toMatchObject({
				recordingId: String(source.RecordingID),
				recordingIndex: 0,
				_event: QA_REPORT_EVENT,
				transcript: {
					channel1: { text: expect.any(String) },
					channel2: { text: expect.any(String) },
				},
			});
			expect(item).not.toHaveProperty('Sign');
			const negative = (item.scores as { Negative: { channel2: { value: number } } }).Negative
				.channel2.value;
			scores[String(item.recordingId)] = negative;
			// the If: negative-word score on channel 2 >= 1 → true output → Slack (disabled: passes through)
			const over = nodeOutput(run, 'Negative Words Over Threshold', 0);
			const under = nodeOutput(run, 'Negative Words Over Threshold', 1);
			if (negative >= 1) {
				expect([over.length, under.length]).toEqual([1, 0]);
				expect(over[0].TaskID).toBe(item.TaskID);
				expect(nodeOutput(run, 'Alert on Slack')).toEqual(over);
			} else {
				expect([over.length, under.length]).toEqual([0, 1]);
				expect(run.data.resultData.runData).not.toHaveProperty(['Alert on Slack']);
			}
		}
		// the sandbox derives the reports from the files: one goes each way at the If
		expect(scores).toEqual({ '1001': 0, '1002': 3 });
	}, 180_000);

	if (line === 2)
		test('the QA credential test signs in, and reports a wrong key pair without showing it', async () => {
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
