import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	airudderWorkflow,
	contacts,
	ROBOT_ID,
	startAirudder,
	taskCreateParameters,
} from '../../support/airudder';

type Setup = Awaited<ReturnType<typeof startAirudder>>;

describe('AIRudder node, Task resource, against the sandbox', () => {
	let env: Setup;
	beforeAll(async () => {
		env = await startAirudder();
	});
	afterAll(async () => await env.close());
	beforeEach(() => env.sandbox.clearRequests());

	const businessCalls = () => env.sandbox.requests.filter((r) => r.path !== '/service/cloud/auth');

	test('Task → Create sends all items in ONE request and returns one item per contact', async () => {
		const result = await env.harness.run(
			airudderWorkflow(taskCreateParameters({ taskName: 'three-contacts' }), contacts(3)),
		);
		expect(result.error).toBeUndefined();
		const creates = businessCalls();
		expect(creates).toHaveLength(1);
		expect(creates[0]).toMatchObject({ method: 'POST', path: '/service/cloud/v2/task' });
		const body = creates[0].body as IDataObject;
		expect(body).toMatchObject({
			TaskName: 'three-contacts',
			RobotID: ROBOT_ID,
			SIPLine: 'SANDBOX_LINE',
			Type: 'promotion',
			Perform: 1,
			StartImmediately: true,
		});
		expect(body).not.toHaveProperty('ScheduleStartTime');
		expect(body.Details).toEqual(contacts(3));
		expect(creates[0].headers.authorization).toMatch(/^Token \S+$/);

		const output = result.output('AIRudder');
		expect(output).toHaveLength(3);
		const taskId = output[0].json.TaskID as string;
		expect(taskId).toMatch(/^[0-9a-f]{32}$/);
		expect(env.sandbox.tasks.get(taskId)?.contacts ?? env.sandbox.tasks.get(taskId)).toBeDefined();
		expect(output.map((i) => [i.json.Mobile, i.json.rejected, i.pairedItem])).toEqual([
			['+628120000000', false, { item: 0 }],
			['+628120000001', false, { item: 1 }],
			['+628120000002', false, { item: 2 }],
		]);
	});

	test('contact fields map from other item fields and from any n8n expression', async () => {
		const items = [{ phone: ' +6281111111 ', name: 'Ayu', shop: 'Lend' }];
		const result = await env.harness.run(
			airudderWorkflow(
				taskCreateParameters({
					mobile: '={{ $json.phone.trim() }}',
					customer: '={{ $json["name"] }}',
					platform: '={{ $json.shop }}X',
					comments: 'fixed',
				}),
				items,
			),
		);
		expect(result.error).toBeUndefined();
		expect((businessCalls()[0].body as IDataObject).Details).toEqual([
			{ Mobile: '+6281111111', Customer: 'Ayu', Platform: 'LendX', Comments: 'fixed' },
		]);
	});

	test('Contact Fields: fixed values reach every contact, expressions are read per item', async () => {
		const items = contacts(3);
		const result = await env.harness.run(
			airudderWorkflow(
				taskCreateParameters({
					contactFields: { ExtraA: 'same', Unit: 'Dollar', ExtraB: '={{ $json.Comments }}-b' },
					additionalContactFields: {
						field: [
							{ name: 'fixed_field', value: 'v' },
							{ name: 'row', value: '={{ $itemIndex }}' },
						],
					},
				}),
				items,
			),
		);
		expect(result.error).toBeUndefined();
		const details = (businessCalls()[0].body as IDataObject).Details as IDataObject[];
		expect(details.map((c) => [c.ExtraA, c.Unit, c.ExtraB, c.fixed_field, c.row])).toEqual([
			['same', 'Dollar', 'row-0-b', 'v', 0],
			['same', 'Dollar', 'row-1-b', 'v', 1],
			['same', 'Dollar', 'row-2-b', 'v', 2],
		]);

		const fixedOnly = await env.harness.run(
			airudderWorkflow(
				taskCreateParameters({
					contactFields: { ExtraA: 'same' },
					additionalContactFields: { field: [{ name: 'fixed_field', value: 'v' }] },
				}),
				items,
			),
		);
		expect(fixedOnly.error).toBeUndefined();
		const fixedDetails = (businessCalls()[1].body as IDataObject).Details as IDataObject[];
		expect(fixedDetails).toEqual(items.map((c) => ({ ...c, ExtraA: 'same', fixed_field: 'v' })));
	});

	test('the token is exchanged once across items and executions', async () => {
		const before = env.sandbox.tokensIssued;
		for (let run = 0; run < 3; run++) {
			const result = await env.harness.run(
				airudderWorkflow(
					{ resource: 'task', operation: 'get', taskId: '={{ $json.id }}' },
					[{ id: 'x' }, { id: 'y' }],
					{ continueOnFail: true },
				),
			);
			expect(result.status).toBe('success');
		}
		expect(env.sandbox.tokensIssued - before).toBeLessThanOrEqual(1);
		expect(env.sandbox.requests.filter((r) => r.path === '/service/cloud/detail')).toHaveLength(6);
	});

	test('an expired token is refreshed exactly once, then the call succeeds', async () => {
		await env.harness.run(
			airudderWorkflow({ resource: 'robot', operation: 'getAll', returnAll: true }),
		);
		env.sandbox.expireTokens();
		env.sandbox.clearRequests();
		const before = env.sandbox.tokensIssued;
		const result = await env.harness.run(
			airudderWorkflow({ resource: 'robot', operation: 'getAll', returnAll: true }),
		);
		expect(result.error).toBeUndefined();
		expect(env.sandbox.tokensIssued - before).toBe(1);
		expect(env.sandbox.requests.map((r) => `${r.path} ${r.status}`)).toEqual([
			'/service/cloud/robot 401',
			'/service/cloud/auth 200',
			'/service/cloud/robot 200',
		]);
		expect(result.output('AIRudder').map((i) => i.json.RobotID)).toContain(ROBOT_ID);
	});

	// Invalid contacts are per-contact outcomes now: test/workflow/task-create-outcomes.test.ts.
	test.each<[string, IDataObject, IDataObject[], RegExp, string]>([
		[
			'a 65-character TaskName',
			{ taskName: 'x'.repeat(65) },
			contacts(1),
			/^Item 0: Task Name is 65 characters long; at most 64/,
			'TaskName',
		],
		[
			'an end time 10 minutes after the start',
			{
				startImmediately: false,
				accountTimeZone: 'Asia/Manila',
				scheduleStartTime: '={{ $now.plus({ hours: 2 }).toISO() }}',
				scheduleEndTime: '={{ $now.plus({ hours: 2, minutes: 10 }).toISO() }}',
			},
			contacts(1),
			/^Item 0: Schedule End Time must be at least 30 minutes after the start \(it is 10 minutes after\)/,
			'ScheduleEndTime',
		],
		[
			'Redial Attempts 16',
			{ repeatNumber: 16 },
			contacts(1),
			/^Item 0: RepeatNumber must be a whole number from 0 to 15/,
			'RepeatNumber',
		],
	])(
		'bad input (%s) fails naming item and field, and the sandbox receives no request',
		async (_label, params, items, message, field) => {
			const result = await env.harness.run(airudderWorkflow(taskCreateParameters(params), items));
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error?.message).toMatch(message);
			expect(result.error?.description).toBe(`AIRudder field: ${field}`);
			expect(env.sandbox.requests).toHaveLength(0);
		},
	);

	test('schedule times are sent in the account time zone', async () => {
		const result = await env.harness.run(
			airudderWorkflow(
				taskCreateParameters({
					startImmediately: false,
					accountTimeZone: 'Asia/Jakarta',
					scheduleStartTime:
						'={{ $now.plus({ days: 2 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 }).setZone("Asia/Jakarta", { keepLocalTime: true }).toISO() }}',
					scheduleEndTime:
						'={{ $now.plus({ days: 2 }).set({ hour: 11, minute: 30, second: 0, millisecond: 0 }).setZone("Asia/Jakarta", { keepLocalTime: true }).toISO() }}',
				}),
				contacts(1),
			),
		);
		expect(result.error).toBeUndefined();
		const body = businessCalls()[0].body as IDataObject;
		expect(body.ScheduleStartTime).toMatch(/^\d{4}-\d{2}-\d{2} 09:00:00$/);
		expect(body.ScheduleEndTime).toMatch(/^\d{4}-\d{2}-\d{2} 11:30:00$/);
		expect(body.StartImmediately).toBe(false);
	});

	test('detail_error_list entries land on the contact they name; unmatched ones are kept', async () => {
		env.sandbox.setFault({
			method: 'POST',
			path: '/service/cloud/v2/task',
			status: 200,
			contentType: 'application/json',
			body: JSON.stringify({
				data: {
					TaskID: 'c3b6b04cd7f8d2b182d3fd20eed3d144',
					detail_error_list: [
						{ field: 'Details[1]', msg: 'Country Code Error: 13016111', comments: 'row-1' },
						{ field: 'Details[9]', msg: 'unknown row', comments: '' },
					],
				},
				status: 'OK',
				code: 200,
			}),
		});
		const result = await env.harness.run(airudderWorkflow(taskCreateParameters(), contacts(3)));
		const output = result.output('AIRudder');
		expect(output).toHaveLength(4);
		expect(output[1].json).toMatchObject({
			rejected: true,
			rejection: { field: 'Details[1]', msg: 'Country Code Error: 13016111' },
		});
		expect(output[0].json.rejected).toBe(false);
		expect(output[3].json).toMatchObject({ rejected: true, rejection: { msg: 'unknown row' } });
		expect(output[3].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('the sandbox refuses a duplicate TaskName: HTTP 200 with a non-200 code becomes a NodeApiError', async () => {
		await env.harness.run(
			airudderWorkflow(taskCreateParameters({ taskName: 'dup-name' }), contacts(1)),
		);
		const result = await env.harness.run(
			airudderWorkflow(taskCreateParameters({ taskName: 'dup-name' }), contacts(1)),
		);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toMatch(
			/^AIRudder answered POST \/service\/cloud\/v2\/task with code \d+: /,
		);
		expect(businessCalls().filter((r) => r.path === '/service/cloud/v2/task')).toHaveLength(2);
	});

	test('above 10,000 contacts the list is split into tasks "<name>-1", "<name>-2"', async () => {
		const result = await env.harness.run(
			airudderWorkflow(taskCreateParameters({ taskName: 'big' }), contacts(10_001)),
		);
		expect(result.error).toBeUndefined();
		const creates = businessCalls();
		expect(
			creates.map((r) => [
				(r.body as IDataObject).TaskName,
				((r.body as IDataObject).Details as unknown[]).length,
			]),
		).toEqual([
			['big-1', 10_000],
			['big-2', 1],
		]);
		expect(result.output('AIRudder')).toHaveLength(10_001);
	}, 120_000);

	test('Get Many, Get, Stop and Cancel Call reach their documented paths', async () => {
		const created = await env.harness.run(
			airudderWorkflow(taskCreateParameters({ taskName: 'lifecycle' }), contacts(2)),
		);
		const taskId = created.output('AIRudder')[0].json.TaskID as string;

		const list = await env.harness.run(
			airudderWorkflow({ resource: 'task', operation: 'getAll', returnAll: true }),
		);
		expect(list.error).toBeUndefined();
		expect(list.output('AIRudder').some((i) => JSON.stringify(i.json).includes(taskId))).toBe(true);

		const detail = await env.harness.run(
			airudderWorkflow({ resource: 'task', operation: 'get', taskId }),
		);
		expect(detail.error).toBeUndefined();
		expect(JSON.stringify(detail.output('AIRudder')[0].json)).toContain('+628120000000');

		const cancel = await env.harness.run(
			airudderWorkflow({
				resource: 'task',
				operation: 'cancelCall',
				taskId,
				calleeNumber: '+628120000001',
			}),
		);
		expect(cancel.error).toBeUndefined();
		const stop = await env.harness.run(
			airudderWorkflow({ resource: 'task', operation: 'stop', taskId }),
		);
		expect(stop.output('AIRudder')[0].json).toMatchObject({ TaskID: taskId, stopped: true });

		const calls = businessCalls().map((r) => [
			r.method,
			r.path,
			r.method === 'GET' ? r.query : r.body,
		]);
		expect(calls).toContainEqual([
			'POST',
			'/service/cloud/cancelphonecall',
			{ TaskID: taskId, CalleeNumber: '+628120000001' },
		]);
		expect(calls).toContainEqual([
			'POST',
			'/service/cloud/operation',
			{ Action: 'Stop', TaskID: taskId },
		]);
		expect(calls).toContainEqual(['GET', '/service/cloud/detail', { TaskID: taskId }]);
	});
});
