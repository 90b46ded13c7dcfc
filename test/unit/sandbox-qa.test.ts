/**
 * The sandbox's QA API (sandbox/qa.ts): sign-in, Bearer tokens, the reference's request checks,
 * streamed uploads, Start / Cancel, and the signed report it POSTs after Start.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

import { QA_APP_KEY, QA_APP_SECRET } from '../../sandbox/qa';
import { readJsonStream, SMALL_STRING } from '../../sandbox/qa-json';
import { qaSign } from '../../sandbox/qa-report';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { exampleWav as wav } from '../support/qa-files';
import { jsonReceiver as receiver, waitFor } from '../support/receiver';

/** A parsed JSON answer or report, read field by field in the assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test reads of untyped JSON
type Json = Record<string, any>;

describe('sandbox QA API (/qa/)', () => {
	let sandbox: Sandbox;
	let base: string;
	beforeAll(async () => {
		sandbox = await startSandbox({ callbackDelayMs: 5 });
		base = `${sandbox.url}/qa/`;
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => {
		sandbox.reset();
		sandbox.qa.configure({ callbackUrl: null, signKey: 'airudder' });
	});

	const call = async (method: string, path: string, body: unknown, token?: string) => {
		const response = await fetch(`${base}${path}`, {
			method,
			headers: {
				'Content-Type': 'application/json',
				...(token ? { Authorization: `Bearer ${token}` } : {}),
			},
			body: typeof body === 'string' ? body : JSON.stringify(body),
		});
		return { status: response.status, json: (await response.json()) as Json };
	};
	const signIn = async () =>
		(await call('POST', 'customer_token', { APPKey: QA_APP_KEY, APPSecret: QA_APP_SECRET })).json
			.data.token as string;
	const newTask = async (token: string) =>
		(await call('POST', 'task', { TaskName: 'QA_1', Language: 'id_BA', SOPModel: '2' }, token)).json
			.data.TaskID as string;

	test('customer_token answers data.token for the key pair and HTTP 401 otherwise', async () => {
		const good = await call('POST', 'customer_token', {
			APPKey: QA_APP_KEY,
			APPSecret: QA_APP_SECRET,
		});
		expect(good).toMatchObject({ status: 200, json: { status: 'OK', code: 200 } });
		expect(good.json.data.token).toMatch(/^[0-9a-f]{48}$/);
		const bad = await call('POST', 'customer_token', { APPKey: QA_APP_KEY, APPSecret: 'x' });
		expect(bad.status).toBe(401);
		expect(sandbox.qa.tokensIssued).toBe(1);
	});

	test('every other call needs Authorization: Bearer <token>, 401 when missing, unknown or expired', async () => {
		const token = await signIn();
		expect(
			(await call('POST', 'task', { TaskName: 'a', Language: 'id_BA', SOPModel: '2' })).status,
		).toBe(401);
		const asToken = await fetch(`${base}task`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: `Token ${token}` },
			body: '{}',
		});
		expect(asToken.status).toBe(401);
		expect((await call('POST', 'task', {}, 'nope')).status).toBe(401);
		expect(await newTask(token)).toMatch(/^[0-9a-f]{32}$/);
		sandbox.expireTokens();
		expect((await call('POST', 'task', {}, token)).status).toBe(401);
	});

	test('POST task checks TaskName, Language and SOPModel (strings, PascalCase) and keeps extra fields', async () => {
		const token = await signIn();
		const missing = await call('POST', 'task', { TaskName: 'a', Language: 'id_BA' }, token);
		expect(missing.json).toMatchObject({
			status: 'ERROR',
			code: 400,
			message: 'SOPModel must be a string',
		});
		const number = await call(
			'POST',
			'task',
			{ TaskName: 'a', Language: 'id_BA', SOPModel: 2 },
			token,
		);
		expect(number.json.message).toBe('SOPModel must be a string');
		const lower = await call(
			'POST',
			'task',
			{ taskName: 'a', Language: 'id_BA', SOPModel: '2' },
			token,
		);
		expect(lower.json.message).toBe('TaskName must be a string');
		const created = await call(
			'POST',
			'task',
			{ TaskName: 'QA_a', Language: 'en_US', SOPModel: '7', Priority: 1 },
			token,
		);
		const task = sandbox.qa.tasks.get(created.json.data.TaskID as string);
		expect(task).toMatchObject({
			TaskName: 'QA_a',
			Language: 'en_US',
			SOPModel: '7',
			extra: { Priority: 1 },
		});
		const wrongType = await fetch(`${base}task`, {
			method: 'POST',
			headers: { 'Content-Type': 'text/plain', Authorization: `Bearer ${token}` },
			body: '{}',
		});
		expect(((await wrongType.json()) as { message: string }).message).toMatch(/Content-Type/);
	});

	test('task/recording checks TaskID, RecordingDetails and each Recordingfile (lower-case f, standard base64)', async () => {
		const token = await signIn();
		const taskId = await newTask(token);
		const file = wav(1, 3).toString('base64');
		const upload = (details: unknown, id = taskId) =>
			call('POST', 'task/recording', { TaskID: id, RecordingDetails: details }, token);
		expect((await upload([])).json.message).toBe('RecordingDetails must be a non-empty array');
		expect(
			(await upload([{ RecordingID: 1, RecordingName: 'a.wav', Recordingfile: file }], 'nope')).json
				.message,
		).toBe('TaskID is not a task');
		expect(
			(await upload([{ RecordingID: 1, RecordingName: 'a.wav', RecordingFile: file }])).json
				.message,
		).toBe('RecordingDetails[0].Recordingfile is spelt with a lower-case f');
		expect(
			(await upload([{ RecordingID: 1, RecordingName: 'a.wav', Recordingfile: 'a*b=' }])).json
				.message,
		).toBe('RecordingDetails[0].Recordingfile is not standard base64');
		expect(
			(await upload([{ RecordingID: 1.5, RecordingName: 'a.wav', Recordingfile: file }])).json
				.message,
		).toBe('RecordingDetails[0].RecordingID must be an integer or a non-empty string');
		const good = await upload([
			{ RecordingID: 12336, RecordingName: '12336.wav', Recordingfile: file },
			{ RecordingID: 'call-2', RecordingName: 'call-2.wav', Recordingfile: file },
		]);
		expect(good.json).toMatchObject({ status: 'OK', code: 200 });
		const sha = createHash('sha256').update(wav(1, 3)).digest('hex');
		expect(sandbox.qa.tasks.get(taskId)?.recordings).toEqual([
			expect.objectContaining({
				RecordingID: 12336,
				RecordingName: '12336.wav',
				bytes: 32_044,
				sha256: sha,
			}),
			expect.objectContaining({ RecordingID: 'call-2', bytes: 32_044, sha256: sha }),
		]);
	});

	test('the upload is read as a stream: a long Recordingfile is recorded as a summary, not kept', async () => {
		const big = wav(40, 7); // 1.28 MB → 1.7 M base64 characters, above SMALL_STRING
		expect(big.toString('base64').length).toBeGreaterThan(SMALL_STRING);
		const token = await signIn();
		const taskId = await newTask(token);
		const ok = await call(
			'POST',
			'task/recording',
			{
				TaskID: taskId,
				RecordingDetails: [
					{ RecordingID: 9, RecordingName: '9.wav', Recordingfile: big.toString('base64') },
				],
			},
			token,
		);
		expect(ok.json.status).toBe('OK');
		const recorded = sandbox.requests.find((r) => r.path === '/qa/task/recording');
		const detail = (recorded?.body as { RecordingDetails: Array<Record<string, unknown>> })
			.RecordingDetails[0];
		expect(detail.Recordingfile).toEqual(
			expect.objectContaining({
				longString: true,
				base64: true,
				bytes: big.length,
				sha256: createHash('sha256').update(big).digest('hex'),
			}),
		);
		expect(sandbox.qa.tasks.get(taskId)?.recordings[0].bytes).toBe(big.length);
	});

	test('readJsonStream parses JSON split anywhere, with escapes, and refuses broken JSON', async () => {
		const doc = { a: 'x\\"y\u00e9\n', b: [1, -2.5e3, true, false, null], c: { d: '' } };
		const text = JSON.stringify(doc);
		const bytes = Buffer.from(text);
		const pieces = Array.from(bytes).map((byte) => Buffer.from([byte]));
		expect((await readJsonStream(Readable.from(pieces))).value).toEqual(doc);
		await expect(readJsonStream(Readable.from([Buffer.from('{"a": ')]))).rejects.toThrow(
			/not valid JSON/,
		);
		await expect(readJsonStream(Readable.from([Buffer.from('{"a": nope}')]))).rejects.toThrow(
			/not valid JSON/,
		);
	});

	test('Start (PUT task, Action Start) POSTs the signed report once; the same file gives the same report', async () => {
		const hook = await receiver();
		try {
			sandbox.qa.configure({ callbackUrl: hook.url });
			const token = await signIn();
			const reports: Array<Json> = [];
			for (let run = 0; run < 2; run++) {
				const taskId = await newTask(token);
				await call(
					'POST',
					'task/recording',
					{
						TaskID: taskId,
						RecordingDetails: [
							{
								RecordingID: 12336,
								RecordingName: 'a.wav',
								Recordingfile: wav(83, 5).toString('base64'),
							},
							{
								RecordingID: 'b',
								RecordingName: 'b.wav',
								Recordingfile: wav(20, 9).toString('base64'),
							},
						],
					},
					token,
				);
				const started = await call('PUT', 'task', { TaskID: taskId, Action: 'Start' }, token);
				expect(started.json).toMatchObject({ status: 'OK', code: 200 });
				// the sandbox records the callback's answer after the receiver has answered it
				await waitFor(
					() =>
						hook.bodies.length === run + 1 &&
						(sandbox.qa.tasks.get(taskId)?.callbacks.length ?? 0) > 0,
				);
				const body = hook.bodies[run];
				expect(body.TaskID).toBe(taskId);
				expect(body.Sign).toBe(createHash('md5').update(`${taskId}airudder`).digest('hex'));
				reports.push(body);
				expect(sandbox.qa.tasks.get(taskId)).toMatchObject({
					state: 'reported',
					callbacks: [{ status: 200 }],
				});
			}
			// deterministic: the same files, the same analysis (only TaskID and Sign differ)
			expect(reports[1].QADetail).toEqual(reports[0].QADetail);
			const [first, second] = reports[0].QADetail as Array<Json>;
			expect(first).toMatchObject({ Recordingid: '12336', Length: '83', Size: '2.7' });
			expect(second).toMatchObject({ Recordingid: 'b', Length: '20' });
			expect(second.AsrResults).not.toEqual(first.AsrResults);
			for (const detail of [first, second]) {
				expect(Object.keys(detail).sort()).toEqual([
					'AsrResults',
					'CheckPoint',
					'Length',
					'Recordingid',
					'Scores',
					'Size',
					'Words',
				]);
				for (const line of detail.AsrResults) {
					expect(Object.keys(line).sort()).toEqual([
						'Begin',
						'Channel',
						'End',
						'Sentence',
						'Words',
					]);
					expect(line.Channel).toMatch(/^[12]$/);
					expect(Number(line.End)).toBeLessThanOrEqual(Number(detail.Length) * 1000);
				}
				expect(detail.CheckPoint.map((c: { CheckPointType: string }) => c.CheckPointType)).toEqual([
					'SOP',
					'Negative',
				]);
				for (const hit of detail.CheckPoint.flatMap(
					(c: { CheckPointResultsDetail: unknown[] }) => c.CheckPointResultsDetail,
				))
					expect(Object.keys(hit).sort()).toEqual([
						'Begin',
						'Channel',
						'CheckPointVal',
						'End',
						'Sentence',
					]);
				expect(
					detail.Scores.map(
						(s: { CheckPointType: string; Channel: string }) => `${s.CheckPointType}/${s.Channel}`,
					),
				).toEqual(['Negative/1', 'SOP/1', 'Negative/2', 'SOP/2']);
				for (const score of detail.Scores) expect(score.Score).toMatch(/^\d+\/\d+$/);
			}
		} finally {
			await hook.close();
		}
	});

	test('the Sign key is configurable (admin route); Cancel stops the report; Start needs recordings', async () => {
		const hook = await receiver();
		try {
			const admin = await fetch(`${sandbox.url}/__sandbox/qa/callback`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ url: hook.url, signKey: 'per-account-key' }),
			});
			expect(await admin.json()).toEqual({ callbackUrl: hook.url, signKey: 'per-account-key' });
			const token = await signIn();
			const empty = await newTask(token);
			expect(
				(await call('PUT', 'task', { TaskID: empty, Action: 'Start' }, token)).json.message,
			).toBe('TaskID has no recordings to analyse');
			expect(
				(await call('PUT', 'task', { TaskID: empty, Action: 'Pause' }, token)).json.message,
			).toBe('Action must be Start or Cancel');
			const detail = {
				RecordingID: 1,
				RecordingName: 'a.wav',
				Recordingfile: wav(1, 1).toString('base64'),
			};
			const cancelled = await newTask(token);
			await call(
				'POST',
				'task/recording',
				{ TaskID: cancelled, RecordingDetails: [detail] },
				token,
			);
			expect(
				(await call('PUT', 'task', { TaskID: cancelled, Action: 'Cancel' }, token)).json.status,
			).toBe('OK');
			expect(
				(await call('PUT', 'task', { TaskID: cancelled, Action: 'Start' }, token)).json.message,
			).toBe('TaskID is cancelled already');
			const started = await newTask(token);
			await call('POST', 'task/recording', { TaskID: started, RecordingDetails: [detail] }, token);
			await call('PUT', 'task', { TaskID: started, Action: 'Start' }, token);
			await waitFor(() => hook.bodies.length === 1);
			expect(hook.bodies[0]).toMatchObject({
				TaskID: started,
				Sign: qaSign(started, 'per-account-key'),
			});
			const tasks = (await (await fetch(`${sandbox.url}/__sandbox/qa/tasks`)).json()) as {
				tasks: Array<{ TaskID: string; state: string }>;
			};
			expect(tasks.tasks.map((t) => t.state).sort()).toEqual(['cancelled', 'created', 'reported']);
		} finally {
			await hook.close();
		}
	});
});
