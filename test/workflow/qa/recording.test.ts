/**
 * AIRudder QA node, Recording → Upload and Recording → Analyse, run by n8n-core against the
 * sandbox's QA API: files from filesystem and in-memory binary data and from another node
 * (Predictive Dialer → Call → Get Recording), the streamed base64 body, packing and splitting of
 * uploads above Max Request Size, a token expiring in the middle of a run, and bad input.
 */
import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { QA_PREFIX } from '../../../sandbox/qa';
import { fileBytes, type TestFile } from '../../fixtures/harness/TestBinary.node';
import { pdsContacts, pdsCreateParameters, pdsWorkflow } from '../../support/pds';
import { QA_NODE, qaSuite, qaWorkflow, wavFiles } from '../../support/qa';
import type { HarnessWorkflow } from '../../support/workflow';
import { jsonReceiver, waitFor } from '../../support/receiver';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('AIRudder QA node: recordings', () => {
	const env = qaSuite({ callbackDelayMs: 5 });
	const qaCalls = (path?: string) =>
		env.sandbox.requests.filter(
			(r) =>
				r.path.startsWith(QA_PREFIX) &&
				r.path !== `${QA_PREFIX}customer_token` &&
				(!path || r.path === `${QA_PREFIX}${path}`),
		);
	const uploads = () => qaCalls('task/recording').map((r) => r.body as IDataObject);
	const details = (body: IDataObject) => body.RecordingDetails as IDataObject[];

	async function newTask(): Promise<string> {
		const result = await env.harness.run(
			qaWorkflow({ resource: 'task', operation: 'create', taskName: 'QA_rec' }, [{ none: true }]),
		);
		expect(result.error).toBeUndefined();
		return result.json(QA_NODE)[0].TaskID as string;
	}

	test("Upload streams each item's file as standard base64 into one request; IDs from the file names, digits as numbers", async () => {
		const taskId = await newTask();
		env.sandbox.clearRequests();
		const files: TestFile[] = [
			...wavFiles(2, 5000),
			{ fileName: 'call-abc.wav', bytes: 3001, seed: 9, mode: 'memory' },
		];
		const result = await env.harness.run(
			qaWorkflow({ resource: 'recording', operation: 'upload', taskId }, files),
		);
		expect(result.error).toBeUndefined();
		expect(result.json(QA_NODE)).toEqual([
			{
				TaskID: taskId,
				request: 1,
				requests: 1,
				RecordingID: 1000,
				RecordingName: '1000.wav',
				bytes: 5000,
				status: 'OK',
				code: 200,
			},
			{
				TaskID: taskId,
				request: 1,
				requests: 1,
				RecordingID: 1001,
				RecordingName: '1001.wav',
				bytes: 5000,
				status: 'OK',
				code: 200,
			},
			{
				TaskID: taskId,
				request: 1,
				requests: 1,
				RecordingID: 'call-abc',
				RecordingName: 'call-abc.wav',
				bytes: 3001,
				status: 'OK',
				code: 200,
			},
		]);
		expect(result.output(QA_NODE).map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		const [upload] = qaCalls('task/recording');
		expect(upload.headers['content-type']).toBe('application/json');
		expect(upload.headers.authorization).toMatch(/^Bearer [0-9a-f]{48}$/);
		expect(Number(upload.headers['content-length'])).toBeGreaterThan((4 * 13001) / 3);
		expect(upload.headers['transfer-encoding']).toBeUndefined();
		const body = upload.body as IDataObject;
		expect(body.TaskID).toBe(taskId);
		expect(details(body).map((d) => [d.RecordingID, d.RecordingName, d.Recordingfile])).toEqual(
			files.map((f, i) => [
				[1000, 1001, 'call-abc'][i],
				f.fileName,
				fileBytes(f).toString('base64'),
			]),
		);
		expect(env.sandbox.qa.tasks.get(taskId)?.recordings.map((r) => r.sha256)).toEqual(
			files.map((f) => sha(fileBytes(f))),
		);
	});

	test('Recording ID and Recording Name from the item; the binary field is chosen by Input Binary Field', async () => {
		const taskId = await newTask();
		env.sandbox.clearRequests();
		const result = await env.harness.run(
			qaWorkflow(
				{
					resource: 'recording',
					operation: 'upload',
					taskId,
					binaryPropertyName: 'audio',
					recordingId: '={{ $json.callId }}',
					recordingName: '={{ $json.callId }}.wav',
				},
				[
					{ key: 'audio', fileName: 'x.bin', bytes: 100, json: { callId: '0042' } },
					{ key: 'audio', fileName: 'y.bin', bytes: 100, json: { callId: 'cafe-1' } },
				],
			),
		);
		expect(result.error).toBeUndefined();
		expect(details(uploads()[0]).map((d) => [d.RecordingID, d.RecordingName])).toEqual([
			[42, '0042.wav'],
			['cafe-1', 'cafe-1.wav'],
		]);
	});

	test('uploads above Max Request Size are split in input order; a file larger than the limit goes alone', async () => {
		const taskId = await newTask();
		env.sandbox.clearRequests();
		const mb = 1024 * 1024;
		// base64 sizes ≈ 0.53, 0.53, 1.33, 0.27 MB; limit 1 MB
		const files = [0.4, 0.4, 1.0, 0.2].map((size, i) => ({
			fileName: `${i}.wav`,
			bytes: Math.round(size * mb),
			seed: i,
		}));
		const result = await env.harness.run(
			qaWorkflow({ resource: 'recording', operation: 'upload', taskId, maxRequestMb: 1 }, files),
		);
		expect(result.error).toBeUndefined();
		expect(uploads().map((body) => details(body).map((d) => d.RecordingName))).toEqual([
			['0.wav'],
			['1.wav'],
			['2.wav'],
			['3.wav'],
		]);
		for (const upload of qaCalls('task/recording'))
			expect(Number(upload.headers['content-length'])).toBeLessThanOrEqual(
				mb + (4 * 1.0 * mb) / 3 + 200,
			);
		expect(result.json(QA_NODE).map((j) => [j.request, j.requests])).toEqual([
			[1, 4],
			[2, 4],
			[3, 4],
			[4, 4],
		]);
		env.sandbox.clearRequests();
		const packed = await env.harness.run(
			qaWorkflow({ resource: 'recording', operation: 'upload', taskId, maxRequestMb: 2 }, files),
		);
		expect(packed.error).toBeUndefined();
		// 0.53 + 0.53 fit in 2 MB, 1.33 does not join them; 1.33 + 0.27 fit
		expect(uploads().map((body) => details(body).map((d) => d.RecordingName))).toEqual([
			['0.wav', '1.wav'],
			['2.wav', '3.wav'],
		]);
		expect(env.sandbox.qa.tasks.get(taskId)?.recordings.map((r) => r.sha256)).toEqual(
			[...files, ...files].map((f) => sha(fileBytes(f))),
		);
	});

	test('Analyse (one task per recording): create, upload, start per item, TaskID on every item; the signed reports arrive', async () => {
		const hook = await jsonReceiver();
		const reports = hook.bodies;
		env.sandbox.qa.configure({ callbackUrl: hook.url });
		try {
			const result = await env.harness.run(
				qaWorkflow(
					{ resource: 'recording', operation: 'analyse', taskName: '=QA_{{ $json.call }}' },
					wavFiles(2, 64_044),
				),
			);
			expect(result.error).toBeUndefined();
			const out = result.json(QA_NODE);
			expect(out).toEqual(
				[0, 1].map((i) => ({
					TaskID: expect.stringMatching(/^[0-9a-f]{32}$/),
					TaskName: `QA_${i}`,
					RecordingID: 1000 + i,
					RecordingName: `${1000 + i}.wav`,
					bytes: 64_044,
					uploaded: true,
					started: true,
					status: 'OK',
					code: 200,
				})),
			);
			expect(out[0].TaskID).not.toBe(out[1].TaskID);
			expect(qaCalls().map((r) => `${r.method} ${r.path.slice(QA_PREFIX.length)}`)).toEqual([
				'POST task',
				'POST task/recording',
				'PUT task',
				'POST task',
				'POST task/recording',
				'PUT task',
			]);
			expect(qaCalls('task')[0].body).toEqual({
				TaskName: 'QA_0',
				Language: 'id_BA',
				SOPModel: '2',
			});
			expect(qaCalls('task')[1].body).toEqual({ TaskID: out[0].TaskID, Action: 'Start' });
			await waitFor(() => reports.length === 2);
			for (const item of out) {
				const report = reports.find((r) => r.TaskID === item.TaskID) as IDataObject;
				expect(report.Sign).toBe(
					createHash('md5')
						.update(`${String(item.TaskID)}airudder`)
						.digest('hex'),
				);
				expect((report.QADetail as IDataObject[]).map((d) => d.Recordingid)).toEqual([
					String(item.RecordingID),
				]);
			}
		} finally {
			env.sandbox.qa.configure({ callbackUrl: null });
			await hook.close();
		}
	});

	test('Analyse (one task for all): one task, uploads split by Max Request Size, one Start', async () => {
		const mb = 1024 * 1024;
		const files = wavFiles(3, Math.round(0.6 * mb));
		const result = await env.harness.run(
			qaWorkflow(
				{
					resource: 'recording',
					operation: 'analyse',
					taskPer: 'all',
					taskName: 'QA_batch',
					maxRequestMb: 1,
				},
				files,
			),
		);
		expect(result.error).toBeUndefined();
		const out = result.json(QA_NODE);
		expect(new Set(out.map((j) => j.TaskID)).size).toBe(1);
		expect(out.map((j) => [j.RecordingID, j.request, j.requests, j.uploaded, j.started])).toEqual([
			[1000, 1, 3, true, true],
			[1001, 2, 3, true, true],
			[1002, 3, 3, true, true],
		]);
		expect(qaCalls().map((r) => `${r.method} ${r.path.slice(QA_PREFIX.length)}`)).toEqual([
			'POST task',
			'POST task/recording',
			'POST task/recording',
			'POST task/recording',
			'PUT task',
		]);
		expect(env.sandbox.qa.tasks.get(String(out[0].TaskID))).toMatchObject({
			TaskName: 'QA_batch',
			state: expect.stringMatching(/started|reported/),
		});
	});

	test('binary input from another node: Predictive Dialer → Call → Get Recording → Analyse', async () => {
		const pdsResult = await env.harness.run(pdsWorkflow(pdsCreateParameters(), pdsContacts(1)));
		expect(pdsResult.error).toBeUndefined();
		const taskId = String(pdsResult.json('PDS')[0].taskId);
		const flow: HarnessWorkflow = {
			nodes: [
				{
					id: 'q1',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0] as [number, number],
					parameters: {},
				},
				{
					id: 'q2',
					name: 'Records',
					type: 'n8n-nodes-airudder.airudderPredictiveDialer',
					typeVersion: 1,
					position: [200, 0] as [number, number],
					parameters: { resource: 'call', operation: 'getRecords', taskId, returnAll: true },
					credentials: { airudderPdsApi: { id: 'p', name: 'PDS' } },
				},
				{
					id: 'q3',
					name: 'Recording',
					type: 'n8n-nodes-airudder.airudderPredictiveDialer',
					typeVersion: 1,
					position: [400, 0] as [number, number],
					parameters: {
						resource: 'call',
						operation: 'getRecording',
						callId: '={{ $json.callid }}',
					},
					credentials: { airudderPdsApi: { id: 'p', name: 'PDS' } },
				},
				{
					id: 'q4',
					name: QA_NODE,
					type: 'n8n-nodes-airudder.airudderQa',
					typeVersion: 1,
					position: [600, 0] as [number, number],
					parameters: {
						resource: 'recording',
						operation: 'analyse',
						recordingId: '={{ $json.callId }}',
					},
					credentials: { airudderQaApi: { id: 'q', name: 'QA' } },
				},
			],
			connections: {
				Start: { main: [[{ node: 'Records', type: 'main', index: 0 }]] },
				Records: { main: [[{ node: 'Recording', type: 'main', index: 0 }]] },
				Recording: { main: [[{ node: QA_NODE, type: 'main', index: 0 }]] },
			},
		};
		env.sandbox.clearRequests();
		const result = await env.harness.run(flow);
		expect(result.error).toBeUndefined();
		const [recording] = result.output('Recording');
		expect(recording.binary?.data.id).toMatch(/^filesystem/);
		const [analysed] = result.json(QA_NODE);
		expect(analysed).toMatchObject({
			RecordingID: String(recording.json.callId),
			uploaded: true,
			started: true,
		});
		const sent = await env.harness.readBinary(recording);
		expect(env.sandbox.qa.tasks.get(String(analysed.TaskID))?.recordings[0]).toMatchObject({
			bytes: sent.length,
			sha256: sha(sent),
		});
	});

	test("a token that expires in the middle of a run is refreshed once (n8n's mechanism) and the upload sent again", async () => {
		const taskId = await newTask();
		const before = env.sandbox.qa.tokensIssued;
		env.sandbox.clearRequests();
		// the second upload waits 300 ms; the token expires as soon as the first one is answered
		env.sandbox.setFault({
			method: 'POST',
			path: `${QA_PREFIX}task/recording`,
			after: 1,
			delayMs: 1,
		});
		const files = wavFiles(3, 200_000);
		let expired = false;
		const check = setInterval(() => {
			if (!expired && qaCalls('task/recording').some((r) => r.status === 200)) {
				expired = true;
				env.sandbox.expireTokens();
			}
		}, 1);
		const result = await env.harness
			.run(
				qaWorkflow(
					{ resource: 'recording', operation: 'upload', taskId, maxRequestMb: 0.3 },
					files,
				),
			)
			.finally(() => clearInterval(check));
		expect(result.error).toBeUndefined();
		expect(expired).toBe(true);
		expect(env.sandbox.qa.tokensIssued).toBe(before + 1);
		const statuses = qaCalls('task/recording').map((r) => r.status);
		expect(statuses).toContain(401);
		expect(statuses.filter((s) => s === 200)).toHaveLength(3);
		expect(env.sandbox.qa.tasks.get(taskId)?.recordings.map((r) => r.sha256)).toEqual(
			files.map((f) => sha(fileBytes(f))),
		);
	});

	test('bad input is refused before any request, naming the item and the field', async () => {
		const taskId = await newTask();
		env.sandbox.clearRequests();
		const noBinary = await env.harness.run(
			qaWorkflow({ resource: 'recording', operation: 'analyse' }, [
				...wavFiles(1),
				{ none: true, json: { call: 1 } },
			]),
		);
		expect(noBinary.error?.message).toBe(
			'Item 1: no binary field "data" to upload (Input Binary Field)',
		);
		const wrongKey = await env.harness.run(
			qaWorkflow({ resource: 'recording', operation: 'upload', taskId }, [
				{ key: 'audio', fileName: 'a.wav', bytes: 10 },
			]),
		);
		expect(wrongKey.error?.message).toBe(
			'Item 0: no binary field "data" to upload (Input Binary Field)',
		);
		expect(wrongKey.error?.description).toMatch(/audio/);
		const noName = await env.harness.run(
			qaWorkflow({ resource: 'recording', operation: 'upload', taskId }, [{ bytes: 10 }]),
		);
		expect(noName.error?.message).toMatch(/^Item 0: Recording Name is required/);
		const noTask = await env.harness.run(
			qaWorkflow(
				{ resource: 'recording', operation: 'upload', taskId: '={{ $json.TaskID }}' },
				wavFiles(1),
			),
		);
		expect(noTask.error?.message).toBe('Item 0: Task ID is required');
		expect(qaCalls()).toEqual([]);
	});

	test('with Continue On Fail a bad item gets its own error item and the others are analysed', async () => {
		const result = await env.harness.run(
			qaWorkflow(
				{ resource: 'recording', operation: 'analyse' },
				[wavFiles(1)[0], { none: true, json: { call: 1 } }, wavFiles(3)[2]],
				{ onError: 'continueRegularOutput' },
			),
		);
		expect(result.error).toBeUndefined();
		const out = result.output(QA_NODE);
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out.map((item) => item.json.error ?? item.json.started)).toEqual([
			true,
			'Item 1: no binary field "data" to upload (Input Binary Field)',
			true,
		]);
		expect(qaCalls('task').filter((r) => r.method === 'POST')).toHaveLength(2);
	});

	test('one task for all: a task that cannot be created is an error, on every item with Continue On Fail; nothing is uploaded', async () => {
		const fault = () =>
			env.sandbox.setFault({
				method: 'POST',
				path: `${QA_PREFIX}task`,
				status: 503,
				body: '{"status":"Busy","code":503}',
			});
		const parameters = { resource: 'recording', operation: 'analyse', taskPer: 'all' };
		fault();
		const failed = await env.harness.run(qaWorkflow(parameters, wavFiles(2)));
		expect(failed.error?.message).toBe(
			'Item 0: AIRudder QA answered POST /task with HTTP 503, code 503: status Busy',
		);
		fault();
		const going = await env.harness.run(
			qaWorkflow(parameters, wavFiles(2), { onError: 'continueRegularOutput' }),
		);
		expect(going.json(QA_NODE).map((j) => [j.RecordingID, j.error])).toEqual([
			[1000, 'Item 0: AIRudder QA answered POST /task with HTTP 503, code 503: status Busy'],
			[1001, 'Item 0: AIRudder QA answered POST /task with HTTP 503, code 503: status Busy'],
		]);
		expect(qaCalls('task/recording')).toEqual([]);
	});

	test('a failed upload request names the item and what was already uploaded; with Continue On Fail its items get the error and the others are sent', async () => {
		const taskId = await newTask();
		const upload = (settings = {}) => {
			// the second request of three is answered HTTP 500
			env.sandbox.setFault({
				method: 'POST',
				path: `${QA_PREFIX}task/recording`,
				after: 1,
				status: 500,
				body: '<html>oops</html>',
				contentType: 'text/html',
			});
			return env.harness.run(
				qaWorkflow(
					{ resource: 'recording', operation: 'upload', taskId, maxRequestMb: 0.3 },
					wavFiles(3, 200_000),
					settings,
				),
			);
		};
		const result = await upload();
		expect(result.error?.message).toMatch(
			/^Item 1: AIRudder QA answered POST \/task\/recording with HTTP 500: <html>oops<\/html>$/,
		);
		expect(result.error?.description).toMatch(
			/Already uploaded \(not to send again\): task \w+ items 0/,
		);
		const going = await upload({ onError: 'continueRegularOutput' });
		expect(going.json(QA_NODE).map((j) => (j.error ? 'error' : j.status))).toEqual([
			'OK',
			'error',
			'OK',
		]);
	});
});
