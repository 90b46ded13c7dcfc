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
import { QA_NODE, qaWorkflow, startQa, wavFiles } from '../../support/qa';

type Setup = Awaited<ReturnType<typeof startQa>>;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('AIRudder QA node: recordings', () => {
	let env: Setup;
	beforeAll(async () => {
		env = await startQa({ callbackDelayMs: 5 });
	});
	afterAll(async () => await env.close());
	beforeEach(() => {
		env.sandbox.clearFaults();
		env.sandbox.clearRequests();
	});
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
});
