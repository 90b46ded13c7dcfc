import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	PDS_PREFIX as PREFIX,
	inMinutes,
	pdsContacts,
	pdsCreateParameters,
	pdsSuite,
	pdsWorkflow,
} from '../../support/pds';
import { jsonReceiver, waitFor } from '../../support/receiver';

describe('AIRudder Predictive Dialer node: Task', () => {
	const { env, calls, createTask } = pdsSuite();

	test('Task → Create sends one createtask with the contacts as strings, times in the account zone and the callback base64-encoded; callbacks arrive', async () => {
		const receiver = await jsonReceiver('/hook/pds?x=1');
		try {
			const start = new Date(Math.ceil(Date.now() / 1000) * 1000 + 2000);
			const result = await env.harness.run(
				pdsWorkflow(
					pdsCreateParameters({
						taskName: 'collection_b1-0501',
						startTime: start.toISOString(),
						autoEndTime: new Date(start.getTime() + 6 * 60_000).toISOString(),
						callback: receiver.url,
						contactFields: {
							field: [{ name: 'nama_customer', value: '={{ "Budi " + $json.account_id }}' }],
						},
						settings: {
							agentName: 'agent01, agent02',
							repeatTimes: 2,
							bulkCallInterval: 90,
							dialingOrder: 'mobile_phone_2',
							restTimes: { window: [{ start: '12:00:00', end: '13:00:00' }] },
							autoQa: 'Y',
							qaConfigId: 7,
						},
						additionalBodyFields: '{"templateName": "pds_default"}',
					}),
					pdsContacts(3, (i) => (i === 2 ? { phonenumber: '+62 812-000-0030' } : {})),
				),
			);
			expect(result.error).toBeUndefined();
			const [create] = calls();
			expect(create.path).toBe(`${PREFIX}/createtask`);
			expect(create.headers.authorization).toMatch(/^Token \S+$/);
			const manila = (d: Date) =>
				new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
			expect(create.body).toEqual({
				taskName: 'collection_b1-0501',
				startTime: manila(start),
				autoEndTime: manila(new Date(start.getTime() + 6 * 60_000)),
				groupName: 'Group_Sandbox',
				remark: 'collection_b1-0501',
				callback: Buffer.from(receiver.url).toString('base64'),
				contactList: [],
				agentName: ['agent01', 'agent02'],
				restTimes: [{ start: '12:00:00', end: '13:00:00' }],
				repeatTimes: 2,
				bulkCallInterval: 90,
				dialingOrder: ['mobile_phone_2'],
				autoQa: 'Y',
				autoQA: 'Y',
				qaConfigId: 7,
				templateName: 'pds_default',
				customizeContacts: [
					{ phonenumber: '+628120000001', account_id: 'A0', dpd: '3', nama_customer: 'Budi A0' },
					{ phonenumber: '+628120000002', account_id: 'A1', dpd: '4', nama_customer: 'Budi A1' },
					{ phonenumber: '+628120000030', account_id: 'A2', dpd: '5', nama_customer: 'Budi A2' },
				],
			});
			const out = result.output('PDS');
			expect(out.map((i) => [i.json.phonenumber, i.json.rejected, i.pairedItem])).toEqual([
				['+628120000001', false, { item: 0 }],
				['+628120000002', false, { item: 1 }],
				['+628120000030', false, { item: 2 }],
			]);
			const taskId = out[0].json.taskId as string;
			expect(taskId).toMatch(/^[0-9a-f]{32}$/);
			// the task starts at its start time, then the callbacks arrive at the decoded URL
			await waitFor(() =>
				receiver.bodies.some((b) => (b.body as IDataObject).state === 'Finished'),
			);
			const seen = receiver.bodies.map((b) => {
				const body = b.body as IDataObject;
				return `${b.type as string} ${(body.state ?? body.State) as string}`;
			});
			expect(seen[0]).toBe('TaskStatus Running');
			expect(seen.filter((s) => s === 'AgentStatus TALKRESULT')).toHaveLength(2);
			expect(seen.filter((s) => s === 'ContactStatus HANGUP')).toHaveLength(3);
			expect(seen).toContain('ContactStatus RINGING'); // +...30 does not answer
			expect(seen.at(-1)).toBe('TaskStatus Finished');
			expect(receiver.bodies.every((b) => (b.body as IDataObject).taskId === taskId)).toBe(true);
			expect((receiver.bodies[0].body as IDataObject).timestamp).toBeGreaterThanOrEqual(
				start.getTime(),
			);
		} finally {
			await receiver.close();
		}
	});

	test('Task → Create surfaces errorContactList per contact, and unmatched entries as their own item', async () => {
		env.sandbox.setFault({
			path: `${PREFIX}/createtask`,
			body: JSON.stringify({
				code: 0,
				message: 'successfully',
				body: {
					taskId: 'T1',
					errorContactList: [{ phonenumber: '+628120000002', reason: 'DNC' }, 'something else'],
				},
			}),
		});
		const result = await env.harness.run(pdsWorkflow(pdsCreateParameters(), pdsContacts(2)));
		expect(
			result.output('PDS').map((i) => [i.json.phonenumber, i.json.rejected, i.json.rejection]),
		).toEqual([
			['+628120000001', false, undefined],
			['+628120000002', true, { phonenumber: '+628120000002', reason: 'DNC' }],
			[undefined, true, 'something else'],
		]);
		expect(result.output('PDS')[2].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test.each<[string, IDataObject, IDataObject[], RegExp, string]>([
		[
			'a number without +',
			{},
			pdsContacts(3, (i) => (i === 2 ? { phonenumber: '0812345' } : {})),
			/^Item 2: phonenumber "0812345" must start with \+ and have at most 14 digits/,
			'10510',
		],
		[
			'a 15-digit number',
			{},
			pdsContacts(2, (i) => (i === 1 ? { phonenumber: '+628123456789012' } : {})),
			/^Item 1: phonenumber "\+628123456789012" must start with \+ and have at most 14 digits/,
			'10510',
		],
		[
			'a task name with a space',
			{ taskName: 'bad name' },
			pdsContacts(1),
			/^Item 0: taskName "bad name" may hold only/,
			'10518',
		],
		[
			'an end 4 minutes after the start',
			{ startTime: inMinutes(1), autoEndTime: inMinutes(5) },
			pdsContacts(1),
			/^Item 0: Auto End Time .* must be at least 5 minutes after Start Time/,
			'10620',
		],
		[
			'a start in the past',
			{ startTime: inMinutes(-30), autoEndTime: inMinutes(10) },
			pdsContacts(1),
			/^Item 0: Start Time .* is in the past/,
			'10509',
		],
		[
			'an end on the next day',
			{ startTime: inMinutes(1), autoEndTime: inMinutes(60 * 24) },
			pdsContacts(1),
			/^Item 0: Start Time .* and Auto End Time .* must be on the same day/,
			'10621',
		],
		[
			'a contact field that is an object',
			{},
			pdsContacts(2, (i) => (i === 1 ? { address: { city: 'Jakarta' } } : {})),
			/^Item 1: contact field "address" is an object or a list/,
			'',
		],
	])(
		'Task → Create refuses %s before sending anything',
		async (_label, params, items, message, code) => {
			const result = await env.harness.run(pdsWorkflow(pdsCreateParameters(params), items));
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error?.message).toMatch(message);
			if (code) expect(result.error?.description).toContain(`PDS error ${code}`);
			expect(calls()).toHaveLength(0);
		},
	);

	test("AIRudder's refusals are mapped to the error table, naming the item; Continue On Fail keeps one item per contact", async () => {
		const unknownGroup = await env.harness.run(
			pdsWorkflow(pdsCreateParameters({ groupName: 'Group_Nobody' }), pdsContacts(1)),
		);
		expect(unknownGroup.error).toBeInstanceOf(NodeApiError);
		expect(unknownGroup.error?.message).toBe(
			'Item 0: AIRudder PDS error 10511: The group is not found — The skill group is not found',
		);
		const name = `dup_${Date.now()}`;
		await createTask(1, { taskName: name });
		const duplicate = await env.harness.run(
			pdsWorkflow(pdsCreateParameters({ taskName: name }), pdsContacts(2), {
				continueOnFail: true,
			}),
		);
		expect(duplicate.status).toBe('success');
		expect(duplicate.output('PDS').map((i) => i.json.error)).toEqual([
			'Item 0: AIRudder PDS error 10508: Task Name is duplicated — Duplicate task names',
			'Item 0: AIRudder PDS error 10508: Task Name is duplicated — Duplicate task names',
		]);
		const agent = await env.harness.run(
			pdsWorkflow(pdsCreateParameters({ settings: { agentName: 'agent03' } }), pdsContacts(1)),
		);
		expect(agent.error?.message).toBe(
			'Item 0: AIRudder PDS error 10551: agentName is not in the group — The agent does not belong to the group',
		);
	});

	test('a create that fails with 503 is never retried; a read is', async () => {
		env.sandbox.setFault({
			path: `${PREFIX}/createtask`,
			status: 503,
			body: 'busy',
			contentType: 'text/plain',
		});
		const create = await env.harness.run(pdsWorkflow(pdsCreateParameters(), pdsContacts(1)));
		expect(create.error?.message).toMatch(
			/^Item 0: AIRudder PDS answered POST .*createtask with HTTP 503: busy/,
		);
		expect(calls('createtask')).toHaveLength(1);
		const taskId = await createTask(2);
		env.sandbox.clearRequests();
		env.sandbox.setFault({
			path: `${PREFIX}/querytaskdetail`,
			status: 503,
			headers: { 'Retry-After': '0' },
		});
		const read = await env.harness.run(
			pdsWorkflow({ resource: 'call', operation: 'getRecords', taskId, returnAll: true }),
		);
		expect(read.error).toBeUndefined();
		expect(calls('querytaskdetail').map((r) => r.status)).toEqual([503, 200]);
		expect(read.output('PDS')).toHaveLength(2);
	});

	test('Task → Get Many lists the tasks of a start-time window with filters; Limit caps the request', async () => {
		const name = `list_${Date.now()}`;
		const taskId = await createTask(1, { taskName: name });
		const window = {
			resource: 'task',
			operation: 'getAll',
			minStartTime: inMinutes(-5),
			maxStartTime: inMinutes(5),
			accountTimeZone: 'Asia/Manila',
		};
		const all = await env.harness.run(
			pdsWorkflow({
				...window,
				returnAll: true,
				filters: { taskName: name, state: 'Finished', orderBy: 'startTime' },
			}),
		);
		expect(all.output('PDS').map((i) => [i.json.taskId, i.json.name])).toEqual([[taskId, name]]);
		expect(calls('querytasklist')[0].body).toEqual({
			minstarttime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
			maxstarttime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
			limit: 500,
			taskName: name,
			state: 'Finished',
			orderBy: 'startTime',
		});
		await createTask(1);
		env.sandbox.clearRequests();
		const one = await env.harness.run(pdsWorkflow({ ...window, limit: 1 }));
		expect(one.output('PDS')).toHaveLength(1);
		expect((calls('querytasklist')[0].body as IDataObject).limit).toBe(1);
		const bad = await env.harness.run(
			pdsWorkflow({ ...window, minStartTime: 'yesterday-ish', limit: 1 }),
		);
		expect(bad.error?.message).toBe(
			'Item 0: Start Time From "yesterday-ish" is not a date and time',
		);
	});

	test('Task → Copy creates a task from a task name (unanswered only, ignore cancelled); an unknown source is 10506', async () => {
		const from = `src_${Date.now()}`;
		await createTask(4, { taskName: from });
		env.sandbox.clearRequests();
		const result = await env.harness.run(
			pdsWorkflow({
				resource: 'task',
				operation: 'copy',
				fromTask: from,
				taskName: `${from}_redial`,
				groupName: 'Group_Sandbox',
				autoEndTime: inMinutes(10),
				accountTimeZone: 'Asia/Manila',
				settings: { repeatTimes: 3, maxLostRate: 1.5 },
			}),
		);
		expect(result.error).toBeUndefined();
		const [copy] = calls('copytask');
		expect(copy.body).toEqual({
			taskName: `${from}_redial`,
			fromTask: from,
			startTime: '',
			autoEndTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
			groupName: 'Group_Sandbox',
			remark: `${from}_redial`,
			noanswerOnly: 'Y',
			ignoreCancelled: 'Y',
			agentName: [],
			restTimes: [],
			repeatTimes: 3,
			bulkCallInterval: 120,
			maxLostRate: 1.5,
		});
		const copied = result.output('PDS')[0].json;
		expect(copied).toMatchObject({
			taskName: `${from}_redial`,
			fromTask: from,
			taskId: expect.any(String),
		});

		const unknown = await env.harness.run(
			pdsWorkflow({
				resource: 'task',
				operation: 'copy',
				fromTask: 'no_such_task',
				taskName: 'whatever_1',
				groupName: 'Group_Sandbox',
				autoEndTime: inMinutes(10),
				accountTimeZone: 'Asia/Manila',
				noanswerOnly: false,
			}),
		);
		expect(unknown.error?.message).toBe('Item 0: AIRudder PDS error 10506: Task is not found');
		expect((calls('copytask').at(-1)!.body as IDataObject).noanswerOnly).toBe('N');
	});

	test('Task → Cancel Contacts sends one request per task (capital TaskID) and says which numbers were cancelled', async () => {
		// a task that starts in 30 minutes: its contacts are still queued
		const later = await env.harness.run(
			pdsWorkflow(
				pdsCreateParameters({ startTime: inMinutes(30), autoEndTime: inMinutes(40) }),
				pdsContacts(3),
			),
		);
		const taskId = later.output('PDS')[0].json.taskId as string;
		env.sandbox.clearRequests();
		const result = await env.harness.run(
			pdsWorkflow({ resource: 'task', operation: 'cancelContacts' }, [
				{ taskId, phonenumber: '+628120000001' },
				{ taskId, phonenumber: '+628120000003' },
				{ taskId, phonenumber: '+628129999999' },
			]),
		);
		expect(result.error).toBeUndefined();
		expect(calls().map((r) => r.body)).toEqual([
			{ TaskID: taskId, contactList: ['+628120000001', '+628120000003', '+628129999999'] },
		]);
		expect(
			result.output('PDS').map((i) => [i.json.phoneNumber, i.json.cancelled, i.pairedItem]),
		).toEqual([
			['+628120000001', true, { item: 0 }],
			['+628120000003', true, { item: 1 }],
			['+628129999999', false, { item: 2 }],
		]);

		env.sandbox.clearRequests();
		const bad = await env.harness.run(
			pdsWorkflow({ resource: 'task', operation: 'cancelContacts' }, [
				{ taskId, phonenumber: '+628120000002' },
				{ taskId, phonenumber: '08123' },
			]),
		);
		expect(bad.error?.message).toMatch(/^Item 1: contactList\[\] "08123" must start with \+/);
		expect(calls()).toHaveLength(0);
		const unknown = await env.harness.run(
			pdsWorkflow({ resource: 'task', operation: 'cancelContacts' }, [
				{ taskId: 'nope', phonenumber: '+6281' },
			]),
		);
		expect(unknown.error?.message).toBe(
			'Item 0: AIRudder PDS error 10702: TaskID is invalid — Invalid Task ID, no corresponding task found',
		);
	});
});
