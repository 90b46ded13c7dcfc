import { request as rawRequest } from 'node:http';

import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import type { Json } from '../support/json';

/**
 * The AIRudder sandbox over real HTTP on 127.0.0.1: token, envelope, the documented create-task
 * rules (seed 002), the partial endpoints and the admin API.
 */

const NOW = new Date('2026-11-22T00:00:00+08:00');
const DOC_EXAMPLE = {
	TaskName: 'test-apitest-001',
	RobotID: 'e9f60ec4e5f1721c7992dc882767eb19',
	SIPLine: 'ID_PHONE_HK_LINE',
	ScheduleStartTime: '2023-03-31 20:00:20',
	ScheduleEndTime: '2023-03-31 23:19:20',
	StartImmediately: true,
	RepeatNumber: 1,
	RepeatInterval: 10,
	RobotMethod: 'single',
	Type: 'promotion',
	Perform: 1,
	Details: [
		{
			Customer: 'Customer-user1',
			Mobile: '+6212345678',
			Platform: 'AIRUDDER',
			Comments: 'Comments',
			Gender: 'male',
			ExtraA: 'ExtraA',
		},
	],
};

let sandbox: Sandbox;
let token: string;
let counter = 0;

async function http(
	method: string,
	path: string,
	options: {
		body?: unknown;
		token?: string | null;
		headers?: Record<string, string>;
		sb?: Sandbox;
	} = {},
) {
	const target = options.sb ?? sandbox;
	const headers: Record<string, string> = {
		'Content-Type': 'application/json',
		'User-Agent': 'Airudder',
		...options.headers,
	};
	const auth = options.token === undefined ? token : options.token;
	if (auth !== null) headers.Authorization = `Token ${auth}`;
	const response = await fetch(`${target.url}${path}`, {
		method,
		headers,
		body:
			options.body === undefined
				? undefined
				: typeof options.body === 'string'
					? options.body
					: JSON.stringify(options.body),
	});
	const text = await response.text();
	return {
		status: response.status,
		headers: response.headers,
		text,
		json: JSON.parse(text) as Json,
	};
}

async function getToken(sb: Sandbox, appKey = 'sandbox-app-key', appSecret = 'sandbox-app-secret') {
	return http('POST', '/service/cloud/auth', {
		sb,
		token: null,
		body: { APPKey: appKey, APPSecret: appSecret },
	});
}

/** A valid scheduled task (relative to NOW, account +08:00) with a unique name. */
function task(overrides: Json = {}): Json {
	counter += 1;
	return {
		TaskName: `task-${counter}`,
		ScheduleStartTime: '2026-11-22 09:00:00',
		ScheduleEndTime: '2026-11-22 10:00:00',
		RobotID: 'e9f60ec4e5f1721c7992dc882767eb19',
		SIPLine: 'SANDBOX_LINE',
		RepeatInterval: 10,
		RepeatNumber: 1,
		Type: 'promotion',
		Perform: 1,
		Details: [{ Mobile: '+6212345678', Platform: 'AIRUDDER', Customer: 'Budi', Comments: 'row-0' }],
		...overrides,
	};
}

const createTask = (body: unknown, path = '/service/cloud/v2/task') => http('POST', path, { body });

beforeAll(async () => {
	sandbox = await startSandbox({ now: () => NOW });
	token = (await getToken(sandbox)).json.data.token;
});

afterAll(async () => {
	await sandbox.close();
});

describe('readiness and token (coreObtainToken)', () => {
	it('answers GET / with its name', async () => {
		const response = await fetch(`${sandbox.url}/`);
		expect(response.status).toBe(200);
		expect(((await response.json()) as Json).name).toBe('airudder-sandbox');
	});

	it('issues a token in the documented envelope and counts exchanges', async () => {
		const before = sandbox.tokensIssued;
		const answer = await getToken(sandbox);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ data: { token: expect.any(String) }, status: 'OK', code: 200 });
		expect(sandbox.tokensIssued).toBe(before + 1);
	});

	it('refuses a wrong APPSecret with HTTP 401 and a non-200 code', async () => {
		const answer = await getToken(sandbox, 'sandbox-app-key', 'wrong');
		expect(answer.status).toBe(401);
		expect(answer.json.code).not.toBe(200);
	});

	it.each([
		['missing', null],
		['unknown', 'not-a-token'],
	])('refuses a %s token with HTTP 401', async (_label, value) => {
		const answer = await http('GET', '/service/cloud/robot', { token: value });
		expect(answer.status).toBe(401);
		expect(answer.json.code).not.toBe(200);
	});

	it.each([`Bearer TOKEN`, `token TOKEN`, `Token  TOKEN`, `TokenTOKEN`])(
		'needs exactly "Token <token>" (refuses %s)',
		async (form) => {
			const answer = await http('GET', '/service/cloud/robot', {
				token: null,
				headers: { Authorization: form.replace('TOKEN', token) },
			});
			expect(answer.status).toBe(401);
		},
	);

	it('answers the same token inside its window and restarts the window', async () => {
		const sb = await startSandbox({ tokenTtlSeconds: 1 });
		try {
			const first = (await getToken(sb)).json.data.token as string;
			await new Promise((r) => setTimeout(r, 600));
			expect((await getToken(sb)).json.data.token).toBe(first);
			await new Promise((r) => setTimeout(r, 600)); // 1.2 s after the first, 0.6 s after the second
			expect((await http('GET', '/service/cloud/robot', { sb, token: first })).status).toBe(200);
			await new Promise((r) => setTimeout(r, 1100));
			expect((await http('GET', '/service/cloud/robot', { sb, token: first })).status).toBe(401);
			const next = (await getToken(sb)).json.data.token as string;
			expect(next).not.toBe(first);
			expect(sb.tokensIssued).toBe(3);
		} finally {
			await sb.close();
		}
	});

	it('expireTokens() makes the next call 401 until a new token is asked for', async () => {
		const sb = await startSandbox();
		try {
			const first = (await getToken(sb)).json.data.token as string;
			sb.expireTokens();
			expect((await http('GET', '/service/cloud/robot', { sb, token: first })).status).toBe(401);
			const second = (await getToken(sb)).json.data.token as string;
			expect((await http('GET', '/service/cloud/robot', { sb, token: second })).status).toBe(200);
		} finally {
			await sb.close();
		}
	});
});

describe('create a calling task (seed 002)', () => {
	it('accepts the docs example verbatim on both paths', async () => {
		for (const path of ['/service/cloud/v2/task', '/service/cloud/task']) {
			const answer = await createTask(
				{ ...DOC_EXAMPLE, TaskName: `doc-example-${path.length}` },
				path,
			);
			expect(answer.status).toBe(200);
			expect(answer.json).toEqual({
				data: { TaskID: expect.stringMatching(/^[0-9a-f]{32}$/) },
				status: 'OK',
				code: 200,
			});
			const stored = sandbox.tasks.get(answer.json.data.TaskID)!;
			expect(stored.createdVia).toBe(path);
			expect(stored.contacts).toEqual(DOC_EXAMPLE.Details);
			expect(stored.Status).toBe('running');
		}
	});

	it('accepts a scheduled task and stores it as scheduled', async () => {
		const answer = await createTask(task());
		expect(answer.json.code).toBe(200);
		expect(answer.json.data.detail_error_list).toBeUndefined();
		expect(sandbox.tasks.get(answer.json.data.TaskID)!.Status).toBe('scheduled');
	});

	it.each<[string, Json, string]>([
		['missing TaskName', { TaskName: undefined }, 'TaskName'],
		['65-character TaskName', { TaskName: 'x'.repeat(65) }, 'TaskName'],
		['missing ScheduleStartTime', { ScheduleStartTime: undefined }, 'ScheduleStartTime'],
		['missing ScheduleEndTime', { ScheduleEndTime: undefined }, 'ScheduleEndTime'],
		['ISO ScheduleStartTime', { ScheduleStartTime: '2026-11-22T09:00:00' }, 'ScheduleStartTime'],
		['impossible date', { ScheduleStartTime: '2026-02-30 09:00:00' }, 'ScheduleStartTime'],
		['start in the past', { ScheduleStartTime: '2026-11-21 23:59:59' }, 'ScheduleStartTime'],
		[
			'start beyond 5 days',
			{ ScheduleStartTime: '2026-11-27 00:00:01', ScheduleEndTime: '2026-11-27 01:00:00' },
			'ScheduleStartTime',
		],
		[
			'end beyond 5 days',
			{ ScheduleStartTime: '2026-11-26 23:00:00', ScheduleEndTime: '2026-11-27 00:00:01' },
			'ScheduleEndTime',
		],
		['end 29 minutes after start', { ScheduleEndTime: '2026-11-22 09:29:59' }, 'ScheduleEndTime'],
		['StartImmediately as a string', { StartImmediately: 'true' }, 'StartImmediately'],
		['missing RobotID', { RobotID: undefined }, 'RobotID'],
		['missing SIPLine', { SIPLine: '' }, 'SIPLine'],
		['missing RepeatInterval', { RepeatInterval: undefined }, 'RepeatInterval'],
		['RepeatInterval 31', { RepeatInterval: 31 }, 'RepeatInterval'],
		['RepeatInterval -1', { RepeatInterval: -1 }, 'RepeatInterval'],
		['RepeatInterval as text', { RepeatInterval: '10' }, 'RepeatInterval'],
		['RepeatNumber 16', { RepeatNumber: 16 }, 'RepeatNumber'],
		['missing Type', { Type: undefined }, 'Type'],
		['missing Perform', { Perform: undefined }, 'Perform'],
		['Perform 4', { Perform: 4 }, 'Perform'],
		['RobotMethod other', { RobotMethod: 'parallel' }, 'RobotMethod'],
		['AsyncCreate as text', { AsyncCreate: 'yes' }, 'AsyncCreate'],
		['missing Details', { Details: undefined }, 'Details'],
		['empty Details', { Details: [] }, 'Details'],
		['Details not an array', { Details: { Mobile: '+62' } }, 'Details'],
	])(
		'refuses %s: HTTP 200, non-200 code, message names the field, nothing stored',
		async (_label, overrides, field) => {
			const before = sandbox.tasks.size;
			const answer = await createTask(task(overrides));
			expect(answer.status).toBe(200);
			expect(answer.json.code).not.toBe(200);
			expect(answer.json.message).toContain(field);
			expect(sandbox.tasks.size).toBe(before);
		},
	);

	it('refuses more than 10,000 contacts and accepts exactly 10,000', async () => {
		const rows = (n: number) =>
			Array.from({ length: n }, (_, i) => ({
				Mobile: `+62${String(i).padStart(9, '0')}`,
				Platform: 'P',
			}));
		const tooMany = await createTask(task({ Details: rows(10_001) }));
		expect(tooMany.json.code).not.toBe(200);
		expect(tooMany.json.message).toContain('Details');
		const max = await createTask(task({ Details: rows(10_000) }));
		expect(max.json.code).toBe(200);
		expect(sandbox.tasks.get(max.json.data.TaskID)!.calls).toHaveLength(10_000);
	});

	it('accepts a 64-character TaskName and refuses a duplicate name', async () => {
		const name = 'n'.repeat(64);
		expect((await createTask(task({ TaskName: name }))).json.code).toBe(200);
		const again = await createTask(task({ TaskName: name }));
		expect(again.json.code).not.toBe(200);
		expect(again.json.message).toContain('TaskName');
	});

	it('accepts the schedule window edges: 5 days ahead and exactly 30 minutes long', async () => {
		const answer = await createTask(
			task({ ScheduleStartTime: '2026-11-26 23:30:00', ScheduleEndTime: '2026-11-27 00:00:00' }),
		);
		expect(answer.json.code).toBe(200);
	});

	it('reads schedule strings in the account time zone (accountUtcOffset)', async () => {
		const jakarta = await startSandbox({ now: () => NOW, accountUtcOffset: '+07:00' });
		try {
			const jt = (await getToken(jakarta)).json.data.token as string;
			// 23:30 on the 21st is in the past at +08:00 but 30 minutes ahead at +07:00.
			const body = task({
				ScheduleStartTime: '2026-11-21 23:30:00',
				ScheduleEndTime: '2026-11-22 00:30:00',
			});
			expect((await createTask(body)).json.code).not.toBe(200);
			expect(
				(await http('POST', '/service/cloud/v2/task', { sb: jakarta, token: jt, body })).json.code,
			).toBe(200);
		} finally {
			await jakarta.close();
		}
	});

	it('skips the schedule checks when StartImmediately is true', async () => {
		const answer = await createTask(
			task({ StartImmediately: true, ScheduleStartTime: undefined, ScheduleEndTime: undefined }),
		);
		expect(answer.json.code).toBe(200);
	});

	const BAD_ROWS: Array<[string, Json, RegExp]> = [
		['no Mobile', { Platform: 'P', Comments: 'c1' }, /Mobile is required/],
		[
			'no +',
			{ Mobile: '13016111', Platform: 'P', Comments: 'c2' },
			/^Country Code Error: 13016111$/,
		],
		['a space in Mobile', { Mobile: '+62 1234', Platform: 'P', Comments: 'c3' }, /Mobile/],
		['no Platform', { Mobile: '+6212345678', Comments: 'c4' }, /Platform is required/],
		[
			'21-character Platform',
			{ Mobile: '+6212345678', Platform: 'p'.repeat(21), Comments: 'c5' },
			/Platform/,
		],
		[
			'65-character Customer',
			{ Mobile: '+6212345678', Platform: 'P', Customer: 'c'.repeat(65), Comments: 'c6' },
			/Customer/,
		],
		[
			'65-character Comments',
			{ Mobile: '+6212345678', Platform: 'P', Comments: 'm'.repeat(65) },
			/Comments/,
		],
		[
			'other Gender',
			{ Mobile: '+6212345678', Platform: 'P', Gender: 'other', Comments: 'c8' },
			/Gender/,
		],
	];
	const GOOD_ROW = {
		Mobile: '+6212345678',
		Platform: 'p'.repeat(20),
		Customer: 'c'.repeat(64),
		Comments: 'k'.repeat(64),
		Gender: 'female',
		Debtor: 'y',
	};

	it('Perform 1: creates the task without the bad rows and lists them with 0-based indexes', async () => {
		const details = [GOOD_ROW, ...BAD_ROWS.map(([, row]) => row)];
		const answer = await createTask(task({ Details: details }));
		expect(answer.json.code).toBe(200);
		expect(answer.json.data.TaskID).toMatch(/^[0-9a-f]{32}$/);
		const errors = answer.json.data.detail_error_list as Json[];
		expect(errors).toHaveLength(BAD_ROWS.length);
		BAD_ROWS.forEach(([, row, msg], i) => {
			expect(errors[i].field).toBe(`Details[${i + 1}]`);
			expect(errors[i].msg).toMatch(msg);
			expect(errors[i].comments).toBe(row.Comments ?? '');
		});
		const stored = sandbox.tasks.get(answer.json.data.TaskID)!;
		expect(stored.contacts).toEqual([GOOD_ROW]);
		expect(stored.calls.map((c) => c.DetailIndex)).toEqual([0]);
	});

	it('Perform 2: only checks, creates nothing, reports the bad rows', async () => {
		const before = sandbox.tasks.size;
		const answer = await createTask(task({ Perform: 2, Details: [GOOD_ROW, BAD_ROWS[1][1]] }));
		expect(answer.json).toEqual({
			data: {
				detail_error_list: [
					{ field: 'Details[1]', msg: 'Country Code Error: 13016111', comments: 'c2' },
				],
			},
			status: 'OK',
			code: 200,
		});
		expect(sandbox.tasks.size).toBe(before);
	});

	it('Perform 3: creates nothing when a row is bad, creates the task when all are good', async () => {
		const before = sandbox.tasks.size;
		const refused = await createTask(task({ Perform: 3, Details: [GOOD_ROW, BAD_ROWS[0][1]] }));
		expect(refused.status).toBe(200);
		expect(refused.json.code).not.toBe(200);
		expect(refused.json.data.detail_error_list).toEqual([
			{ field: 'Details[1]', msg: 'Mobile is required', comments: 'c1' },
		]);
		expect(sandbox.tasks.size).toBe(before);
		const created = await createTask(task({ Perform: 3, Details: [GOOD_ROW] }));
		expect(created.json.code).toBe(200);
		expect(created.json.data.TaskID).toMatch(/^[0-9a-f]{32}$/);
	});

	it('records the request body byte for byte', async () => {
		sandbox.clearRequests();
		const text = JSON.stringify(task());
		await createTask(text);
		expect(sandbox.requests).toHaveLength(1);
		const [recorded] = sandbox.requests;
		expect(recorded).toMatchObject({
			method: 'POST',
			path: '/service/cloud/v2/task',
			rawBody: text,
			body: JSON.parse(text),
			encrypted: false,
			status: 200,
		});
		expect(recorded.headers.authorization).toBe(`Token ${token}`);
	});

	it('refuses a body that is not JSON or not sent as application/json', async () => {
		expect((await createTask('{"TaskName":')).json.message).toMatch(/not valid JSON/);
		const wrongType = await http('POST', '/service/cloud/v2/task', {
			body: JSON.stringify(task()),
			headers: { 'Content-Type': 'text/plain' },
		});
		expect(wrongType.json.message).toMatch(/Content-Type/);
	});
});

describe('task endpoints (third-party paths, illustrative answers)', () => {
	let taskId: string;
	beforeAll(async () => {
		const details = [
			{ Mobile: '+6211111111', Platform: 'P', Comments: 'a' },
			{ Mobile: '+6222222222', Platform: 'P', Comments: 'b' },
		];
		taskId = (await createTask(task({ Details: details, Type: 'normal' }))).json.data.TaskID;
	});

	it('lists tasks with paging and a Type filter', async () => {
		const answer = await http('GET', '/service/cloud/list?Number=1&Page=1&Type=normal');
		expect(answer.json.code).toBe(200);
		expect(answer.json.data.list).toHaveLength(1);
		expect(answer.json.data.list[0].TaskID).toBe(taskId);
		expect(answer.json.data.total).toBeGreaterThanOrEqual(1);
		expect((await http('GET', '/service/cloud/list?Number=ten')).json.message).toContain('Number');
	});

	it('details a task call by call and refuses unknown or missing TaskIDs', async () => {
		const answer = await http('GET', `/service/cloud/detail?TaskID=${taskId}`);
		expect(answer.json.code).toBe(200);
		expect(answer.json.data.list.map((r: Json) => [r.Callee, r.CallStatus, r.Comments])).toEqual([
			['+6211111111', 'pending', 'a'],
			['+6222222222', 'pending', 'b'],
		]);
		expect((await http('GET', '/service/cloud/detail?TaskID=nope')).json.code).not.toBe(200);
		expect((await http('GET', '/service/cloud/detail')).json.message).toContain('TaskID');
	});

	it('cancels one call, then stops the task; other Actions are refused', async () => {
		const cancel = await http('POST', '/service/cloud/cancelphonecall', {
			body: { TaskID: taskId, CalleeNumber: '+6211111111' },
		});
		expect(cancel.json.code).toBe(200);
		expect(sandbox.tasks.get(taskId)!.calls[0].CallStatus).toBe('cancelled');
		expect(
			(
				await http('POST', '/service/cloud/cancelphonecall', {
					body: { TaskID: taskId, CalleeNumber: '+6999' },
				})
			).json.code,
		).not.toBe(200);
		const pause = await http('POST', '/service/cloud/operation', {
			body: { Action: 'Pause', TaskID: taskId },
		});
		expect(pause.json.code).not.toBe(200);
		expect(pause.json.message).toContain('Action');
		const stop = await http('POST', '/service/cloud/operation', {
			body: { Action: 'Stop', TaskID: taskId },
		});
		expect(stop.json.code).toBe(200);
		expect(sandbox.tasks.get(taskId)!.Status).toBe('stopped');
		expect(sandbox.tasks.get(taskId)!.calls[1].CallStatus).toBe('cancelled');
	});

	it('lists the robots (3 defaults, or opts.robots)', async () => {
		const answer = await http('GET', '/service/cloud/robot');
		expect(answer.json.data).toHaveLength(3);
		expect(answer.json.data[0]).toEqual({
			RobotID: expect.any(String),
			RobotName: expect.any(String),
		});
		const robots = [{ RobotID: 'r1', RobotName: 'One' }];
		const sb = await startSandbox({ robots });
		try {
			const t = (await getToken(sb)).json.data.token as string;
			expect((await http('GET', '/service/cloud/robot', { sb, token: t })).json.data).toEqual(
				robots,
			);
		} finally {
			await sb.close();
		}
	});

	it('links one call recording to a WAV the sandbox serves', async () => {
		const answer = await http(
			'GET',
			`/service/cloud/case?TaskID=${taskId}&Callee=${encodeURIComponent('+6222222222')}`,
		);
		expect(answer.json.code).toBe(200);
		const url = answer.json.data.url as string;
		expect(url.startsWith(`${sandbox.url}/__sandbox/media/`)).toBe(true);
		const wav = await fetch(url);
		expect(wav.headers.get('content-type')).toBe('audio/wav');
		const bytes = Buffer.from(await wav.arrayBuffer());
		expect(bytes.length).toBe(32_044);
		expect(bytes.subarray(0, 4).toString()).toBe('RIFF');
		expect(bytes.subarray(8, 12).toString()).toBe('WAVE');
		expect(
			(await http('GET', `/service/cloud/case?TaskID=${taskId}&Callee=%2B6000`)).json.code,
		).not.toBe(200);
	});

	it('links the task recordings to a zip with one WAV per contact', async () => {
		const answer = await http('GET', `/service/cloud/recording?TaskID=${taskId}`);
		const zip = Buffer.from(await (await fetch(answer.json.data.url as string)).arrayBuffer());
		expect(zip.readUInt32LE(0)).toBe(0x04034b50);
		const end = zip.subarray(zip.length - 22);
		expect(end.readUInt32LE(0)).toBe(0x06054b50);
		expect(end.readUInt16LE(10)).toBe(2);
		expect(zip.toString('latin1')).toContain('1-6222222222.wav');
	});

	it('answers unknown paths 404 and wrong methods 405', async () => {
		expect((await http('GET', '/service/cloud/nothing')).status).toBe(404);
		expect((await http('GET', '/service/cloud/v2/task')).status).toBe(405);
	});
});

describe('workflow endpoints (workflow.openapi.yaml)', () => {
	let workflowId: string;

	it('createinstance needs workflow_template_id (integer), name and end_time', async () => {
		for (const [overrides, field] of [
			[{ workflow_template_id: undefined }, 'workflow_template_id'],
			[{ workflow_template_id: '1024' }, 'workflow_template_id'],
			[{ name: undefined }, 'name'],
			[{ end_time: undefined }, 'end_time'],
			[{ details: { callee: '+62' } }, 'details'],
		] as Array<[Json, string]>) {
			const answer = await http('POST', '/service/cloud/workflow/createinstance', {
				body: {
					workflow_template_id: 1024,
					name: 'wf',
					end_time: '2025-05-01 20:00:00+08:00',
					...overrides,
				},
			});
			expect(answer.json.code).not.toBe(200);
			expect(answer.json.message).toContain(field);
		}
	});

	it('createinstance answers {code: 200, data: {workflow_id}} and keeps the details as sent', async () => {
		const details = [{ callee: '+6281234567890', case_id: 'C1', anything: { nested: true } }];
		const answer = await http('POST', '/service/cloud/workflow/createinstance', {
			body: {
				workflow_template_id: 1024,
				name: 'collection_0501',
				end_time: 'whatever format',
				auto_finish: 2,
				details,
			},
		});
		expect(answer.json).toMatchObject({
			code: 200,
			data: { workflow_id: expect.stringMatching(/^[0-9a-f]{32}$/) },
		});
		workflowId = answer.json.data.workflow_id;
		expect(sandbox.workflows.get(workflowId)!.details).toEqual(details);
	});

	it('uploaddetails appends contacts; an unknown workflow_id is refused', async () => {
		const answer = await http('POST', '/service/cloud/workflow/uploaddetails', {
			body: { workflow_id: workflowId, details: [{ callee: '+6289' }] },
		});
		expect(answer.json.code).toBe(200);
		expect(sandbox.workflows.get(workflowId)!.details).toHaveLength(2);
		expect(
			(
				await http('POST', '/service/cloud/workflow/uploaddetails', {
					body: { workflow_id: 'x', details: [] },
				})
			).json.code,
		).not.toBe(200);
	});

	it('apinoticeinfo needs workflow_id, node_id and callee', async () => {
		const ok = await http('POST', '/service/cloud/workflow/apinoticeinfo', {
			body: { workflow_id: workflowId, node_id: 'n1', callee: '+6281234567890' },
		});
		expect(ok.json.code).toBe(200);
		const missing = await http('POST', '/service/cloud/workflow/apinoticeinfo', {
			body: { workflow_id: workflowId, callee: '+62' },
		});
		expect(missing.json.message).toContain('node_id');
	});

	it('taskdetail accepts any body; detailinstances needs start_time and end_time', async () => {
		const detail = await http('POST', '/service/cloud/workflow/taskdetail', {
			body: { workflow_id: workflowId },
		});
		expect(detail.json.code).toBe(200);
		expect(detail.json.data.list[0]).toMatchObject({
			workflow_id: workflowId,
			workflow_name: 'collection_0501',
			case_id: 'C1',
		});
		const noWindow = await http('POST', '/service/cloud/workflow/detailinstances', {
			body: { callee: '+6281234567890' },
		});
		expect(noWindow.json.message).toContain('start_time');
		const found = await http('POST', '/service/cloud/workflow/detailinstances', {
			body: {
				callee: '+6281234567890',
				start_time: '2025-04-01 00:00:00',
				end_time: '2025-04-15 23:59:59',
			},
		});
		expect(found.json.data.list).toEqual([{ workflow_id: workflowId, name: 'collection_0501' }]);
	});
});

describe('SMS (public-client path)', () => {
	it('answers success with code 0 and accepts the body as sent', async () => {
		const answer = await http('POST', '/service/sms/message/v2/send', {
			body: { anything: 'goes' },
		});
		expect(answer.status).toBe(200);
		expect(answer.json.code).toBe(0);
	});
});

describe('admin endpoints', () => {
	it('serves recorded requests, state and reset over HTTP', async () => {
		const options: SandboxOptions = {};
		const sb = await startSandbox(options);
		try {
			await getToken(sb);
			const requests = (await (await fetch(`${sb.url}/__sandbox/requests`)).json()) as Json;
			expect(requests.requests.map((r: Json) => r.path)).toEqual(['/service/cloud/auth']);
			const state = (await (await fetch(`${sb.url}/__sandbox/state`)).json()) as Json;
			expect(state).toMatchObject({ tokensIssued: 1, aes: false, requests: 1 });
			const post = { method: 'POST', headers: { 'content-type': 'application/json' } };
			await fetch(`${sb.url}/__sandbox/expire-tokens`, post);
			expect(sb.tokensIssued).toBe(1);
			await fetch(`${sb.url}/__sandbox/reset`, post);
			expect(sb.requests).toHaveLength(0);
			expect(sb.tokensIssued).toBe(0);
			const events = (await (await fetch(`${sb.url}/__sandbox/events`)).json()) as Json;
			expect(
				events.events.find((e: Json) => e.event === 'workflowWabaMessageStatusChanged').source,
			).toBe('doc example');
		} finally {
			await sb.close();
		}
	});
});

describe('admin endpoints: only local programs, never a web page', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox();
	});
	afterAll(async () => await sb.close());

	/** A raw request, so that Host and Origin can be anything. */
	const admin = (method: string, path: string, headers: Record<string, string>, body = '') =>
		new Promise<{ status: number; body: Json }>((resolve, reject) => {
			const req = rawRequest(
				{ host: '127.0.0.1', port: sb.port, method, path, headers, setHost: false },
				(res) => {
					let text = '';
					res.on('data', (chunk: Buffer) => (text += chunk.toString()));
					res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) as Json }));
				},
			);
			req.on('error', reject);
			req.end(body);
		});
	const fire = JSON.stringify({ url: 'http://127.0.0.1:9/', event: 'collectionTaskFinished' });
	const json = { 'content-type': 'application/json' };
	const local = () => ({ host: `127.0.0.1:${sb.port}` });

	it.each([
		['text/plain (a page needs no preflight for it)', { 'content-type': 'text/plain' }],
		['form-encoded', { 'content-type': 'application/x-www-form-urlencoded' }],
		['no content type', {}],
	])('refuses a POST sent as %s with 415 and does nothing', async (_name, type) => {
		sb.setFault({ path: '/service/cloud/robot', status: 429 });
		const reply = await admin('POST', '/__sandbox/faults', { ...local(), ...type }, '[]');
		expect(reply).toEqual({
			status: 415,
			body: { error: 'Content-Type must be application/json' },
		});
		expect((await admin('POST', '/__sandbox/fire', { ...local(), ...type }, fire)).status).toBe(
			415,
		);
		expect((await admin('DELETE', '/__sandbox/faults', { ...local(), ...type })).status).toBe(415);
		expect((await admin('GET', '/__sandbox/state', local())).body.faults).toBe(1);
		sb.clearFaults();
	});

	it.each([
		['another host name', (port: number) => `evil.example:${port}`],
		['a rebinding name on the right port', (port: number) => `attacker.test:${port}`],
		['a loopback address on another port', (port: number) => `127.0.0.1:${port + 1}`],
		['no port', () => '127.0.0.1'],
		['a private address', (port: number) => `192.168.1.5:${port}`],
	])('refuses Host: %s with 403', async (_name, host) => {
		for (const [method, path, body] of [
			['GET', '/__sandbox/requests', ''],
			['POST', '/__sandbox/fire', fire],
		]) {
			const reply = await admin(method, path, { ...json, host: host(sb.port) }, body);
			expect(reply.status).toBe(403);
			expect(reply.body.error).toMatch(/^Host must be/);
		}
	});

	it.each([
		'https://evil.example',
		'http://10.0.0.1:8080',
		'null',
		'http://localhost.evil.example',
	])('refuses Origin: %s with 403', async (origin) => {
		const reply = await admin('POST', '/__sandbox/reset', { ...local(), ...json, origin });
		expect(reply).toEqual({
			status: 403,
			body: { error: 'Origin must be absent or a loopback origin' },
		});
	});

	it.each([
		['127.0.0.1', undefined],
		['localhost', 'http://localhost:5678'],
		['[::1]', 'http://[::1]:5678'],
		['127.0.0.1', 'http://127.0.0.1:3000'],
	])('accepts Host %s with the port and Origin %s', async (name, origin) => {
		const headers = { ...json, host: `${name}:${sb.port}`, ...(origin ? { origin } : {}) };
		expect(await admin('POST', '/__sandbox/reset', headers)).toEqual({ status: 200, body: {} });
		expect((await admin('GET', '/__sandbox/state', headers)).status).toBe(200);
	});
});
