/**
 * Task → Create: one outcome per contact, at any list size (issue 10). A list of 10,005 contacts
 * splits into two tasks; invalid contacts sit in both batches, some found by the node's own check
 * (Mobile, Gender), some only by AIRudder (ExtraA not a string: the sandbox's rule, which the node
 * does not check), for Perform 1, 2 and 3; a sandbox fault fails the second creation of a split
 * All or Nothing list after the first succeeded.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { accountTimeZoneProperty } from '../../../nodes/Airudder/actions/shared/timeZone';
import {
	airudderWorkflow,
	contacts,
	startAirudder,
	taskCreateParameters,
} from '../../support/airudder';

type Setup = Awaited<ReturnType<typeof startAirudder>>;

const SIZE = 10_005;
/** Rejected by the node: item 3 (Mobile without '+'), item 10,002 (Gender "x"). */
const LOCAL_BAD: Record<number, IDataObject> = { 3: { Mobile: '12345' }, 10_002: { Gender: 'x' } };
/** Rejected only by AIRudder: ExtraA becomes a number for these items. */
const REMOTE_BAD = [5, 10_004];
const EXTRA_A = `={{ [${REMOTE_BAD.join(', ')}].includes($itemIndex) ? 7 : "a" }}`;

const bigList = (local = true) => contacts(SIZE, (i) => (local ? (LOCAL_BAD[i] ?? {}) : {}));

describe('Task → Create: every contact gets its own outcome, at any list size', () => {
	let env: Setup;
	beforeAll(async () => {
		env = await startAirudder();
	});
	afterAll(async () => await env.close());
	beforeEach(() => {
		env.sandbox.clearRequests();
		env.sandbox.clearFaults();
	});

	const creates = () =>
		env.sandbox.requests
			.filter((r) => r.path === '/service/cloud/v2/task')
			.map((r) => r.body as IDataObject);
	const summary = (body: IDataObject) => [
		body.TaskName,
		body.Perform,
		(body.Details as unknown[]).length,
	];
	const tasksNamed = (prefix: string) =>
		[...env.sandbox.tasks.values()].filter((t) => t.TaskName.startsWith(`${prefix}-`));
	const expectPaired = (output: INodeExecutionData[]) =>
		expect(output.map((item) => (item.pairedItem as { item: number }).item)).toEqual(
			Array.from({ length: SIZE }, (_, i) => i),
		);
	const rejectedItems = (output: INodeExecutionData[]) =>
		output.flatMap((item, i) => (item.json.rejected ? [i] : []));

	test('Perform 1 (Skip and Report): valid contacts of both batches are created, every invalid one is reported', async () => {
		const result = await env.harness.run(
			airudderWorkflow(
				taskCreateParameters({ taskName: 'p1', contactFields: { ExtraA: EXTRA_A } }),
				bigList(),
			),
		);
		expect(result.error).toBeUndefined();
		expect(creates().map(summary)).toEqual([
			['p1-1', 1, 9_999],
			['p1-2', 1, 4],
		]);
		const [first, second] = tasksNamed('p1').sort((a, b) => a.TaskName.localeCompare(b.TaskName));
		expect([first.contacts.length, second.contacts.length]).toEqual([9_998, 3]);
		expect(first.contacts.some((c) => c.Mobile === '12345' || c.ExtraA === 7)).toBe(false);

		const output = result.output('AIRudder');
		expect(output).toHaveLength(SIZE);
		expectPaired(output);
		expect(rejectedItems(output)).toEqual([3, 5, 10_002, 10_004]);
		expect(output[3].json).toMatchObject({
			TaskID: first.TaskID,
			Mobile: '12345',
			created: false,
			rejected: true,
			rejection: { field: 'Mobile', rejectedBy: 'node', comments: 'row-3' },
		});
		expect(String((output[3].json.rejection as IDataObject).msg)).toMatch(/must be '\+'/);
		// AIRudder names its position in the request (item 3 was not sent, so item 5 is Details[4]).
		expect(output[5].json).toMatchObject({
			TaskID: first.TaskID,
			created: false,
			rejection: { field: 'Details[4]', msg: 'ExtraA must be a string', rejectedBy: 'AIRudder' },
		});
		expect(output[10_002].json).toMatchObject({
			TaskID: second.TaskID,
			rejection: { field: 'Gender', rejectedBy: 'node' },
		});
		expect(output[10_004].json).toMatchObject({
			TaskID: second.TaskID,
			rejection: { field: 'Details[3]', rejectedBy: 'AIRudder' },
		});
		expect(output[0].json).toMatchObject({ TaskID: first.TaskID, created: true, rejected: false });
		expect(output[10_003].json).toMatchObject({ TaskID: second.TaskID, created: true });
	}, 120_000);

	test('Perform 2 (Only Check): every batch is checked, every bad contact (node and AIRudder) reported, nothing created', async () => {
		const before = env.sandbox.tasks.size;
		const result = await env.harness.run(
			airudderWorkflow(
				taskCreateParameters({ taskName: 'p2', perform: 2, contactFields: { ExtraA: EXTRA_A } }),
				bigList(),
			),
		);
		expect(result.error).toBeUndefined();
		expect(creates().map(summary)).toEqual([
			['p2-1', 2, 9_999],
			['p2-2', 2, 4],
		]);
		expect(env.sandbox.tasks.size).toBe(before);
		const output = result.output('AIRudder');
		expect(output).toHaveLength(SIZE);
		expectPaired(output);
		expect(rejectedItems(output)).toEqual([3, 5, 10_002, 10_004]);
		expect(output.every((item) => item.json.created === false && !item.json.TaskID)).toBe(true);
		expect(output[5].json.rejection).toMatchObject({ rejectedBy: 'AIRudder' });
		expect(output[10_002].json.rejection).toMatchObject({ field: 'Gender', rejectedBy: 'node' });
	}, 120_000);

	test('Perform 3 (All or Nothing): invalid contacts found by the node: nothing is sent, the error names every one', async () => {
		const result = await env.harness.run(
			airudderWorkflow(taskCreateParameters({ taskName: 'p3-local', perform: 3 }), bigList()),
		);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toMatch(
			/^No task created \(All or Nothing\): 2 of 10005 contacts are invalid: item 3 \(Mobile: Mobile "12345" must be '\+'.*\), item 10002 \(Gender: Gender must be "male" or "female"/,
		);
		expect(env.sandbox.requests).toHaveLength(0);
		expect(tasksNamed('p3-local')).toHaveLength(0);
	}, 120_000);

	test('Perform 3: a split list is checked batch by batch with Perform 2 first; AIRudder rejections create nothing', async () => {
		const parameters = taskCreateParameters({
			taskName: 'p3-remote',
			perform: 3,
			contactFields: { ExtraA: EXTRA_A },
		});
		const result = await env.harness.run(airudderWorkflow(parameters, bigList(false)));
		expect(result.error?.message).toMatch(
			/^No task created \(All or Nothing\): 2 of 10005 contacts are invalid: item 5 \(Details\[5\]: ExtraA must be a string\), item 10004 \(Details\[4\]: ExtraA must be a string\)$/,
		);
		expect(creates().map(summary)).toEqual([
			['p3-remote-1', 2, 10_000],
			['p3-remote-2', 2, 5],
		]);
		expect(tasksNamed('p3-remote')).toHaveLength(0);

		// With On Error: Continue: one item per contact, the rejected ones say why, nothing created.
		env.sandbox.clearRequests();
		const kept = await env.harness.run(
			airudderWorkflow(parameters, bigList(false), { continueOnFail: true }),
		);
		expect(kept.status).toBe('success');
		const output = kept.output('AIRudder');
		expect(output).toHaveLength(SIZE);
		expectPaired(output);
		expect(rejectedItems(output)).toEqual(REMOTE_BAD);
		expect(output.every((item) => item.json.created === false)).toBe(true);
		expect(String(output[0].json.error)).toMatch(/^No task created \(All or Nothing\)/);
		expect(tasksNamed('p3-remote')).toHaveLength(0);
	}, 120_000);

	test('Perform 3: a valid split list is checked, then created; every contact carries its TaskID', async () => {
		const result = await env.harness.run(
			airudderWorkflow(taskCreateParameters({ taskName: 'p3-ok', perform: 3 }), bigList(false)),
		);
		expect(result.error).toBeUndefined();
		expect(creates().map(summary)).toEqual([
			['p3-ok-1', 2, 10_000],
			['p3-ok-2', 2, 5],
			['p3-ok-1', 3, 10_000],
			['p3-ok-2', 3, 5],
		]);
		const tasks = tasksNamed('p3-ok');
		expect(tasks.map((t) => t.contacts.length).sort()).toEqual([10_000, 5]);
		const output = result.output('AIRudder');
		expectPaired(output);
		expect(output.every((item) => item.json.created === true && !item.json.rejected)).toBe(true);
		expect(new Set(output.map((item) => item.json.TaskID)).size).toBe(2);
	}, 120_000);

	test('Perform 3: the second creation fails after the first succeeded: the error names the task that exists', async () => {
		const fault = {
			method: 'POST',
			path: '/service/cloud/v2/task',
			after: 3, // two checks and the first creation pass
			body: JSON.stringify({ code: 500, status: 'internal error', data: {} }),
		};
		env.sandbox.setFault(fault);
		const result = await env.harness.run(
			airudderWorkflow(taskCreateParameters({ taskName: 'p3-half', perform: 3 }), bigList(false)),
		);
		const [first] = tasksNamed('p3-half');
		expect(tasksNamed('p3-half').map((t) => t.TaskName)).toEqual(['p3-half-1']);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toContain(
			`Only 1 of 2 tasks created: "p3-half-1" (TaskID ${first.TaskID}, items 0–9999) exist; creating "p3-half-2" failed`,
		);
		expect(result.error?.description).toMatch(/Do not run the whole list again/);

		// With On Error: Continue the TaskID is on the created contacts, the rest are marked not created.
		env.sandbox.setFault(fault);
		const kept = await env.harness.run(
			airudderWorkflow(taskCreateParameters({ taskName: 'p3-half2', perform: 3 }), bigList(false), {
				continueOnFail: true,
			}),
		);
		const [created] = tasksNamed('p3-half2');
		expect(tasksNamed('p3-half2')).toHaveLength(1);
		const output = kept.output('AIRudder');
		expectPaired(output);
		expect(output[9_999].json).toMatchObject({ TaskID: created.TaskID, created: true });
		expect(output[10_000].json).toMatchObject({ TaskName: 'p3-half2-2', created: false });
		expect(output[10_000].json).not.toHaveProperty('TaskID');
		expect(String(output[10_004].json.error)).toMatch(/internal error/);
	}, 120_000);

	test("Perform 3 with one task: sent once with Perform 3; AIRudder's refusal names the contacts it lists", async () => {
		const result = await env.harness.run(
			airudderWorkflow(
				taskCreateParameters({
					taskName: 'p3-single',
					perform: 3,
					contactFields: { ExtraA: '={{ $itemIndex === 1 ? 7 : "a" }}' },
				}),
				contacts(3),
			),
		);
		expect(result.error?.message).toBe(
			'No task created (All or Nothing): 1 of 3 contacts are invalid: item 1 (Details[1]: ExtraA must be a string)',
		);
		expect(creates().map(summary)).toEqual([['p3-single', 3, 3]]);
		expect([...env.sandbox.tasks.values()].some((t) => t.TaskName === 'p3-single')).toBe(false);
	});

	test('task-level errors with On Error: Continue become an error on every item, paired; nothing is sent', async () => {
		const result = await env.harness.run(
			airudderWorkflow(taskCreateParameters({ taskName: 'x'.repeat(65) }), contacts(3), {
				continueOnFail: true,
			}),
		);
		expect(result.status).toBe('success');
		expect(result.output('AIRudder')).toEqual(
			[0, 1, 2].map((item) => ({
				json: { error: expect.stringMatching(/^Item 0: Task Name is 65 characters long/) },
				pairedItem: { item },
			})),
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test('the Task Name check says when the split suffix makes the name too long', async () => {
		const result = await env.harness.run(
			airudderWorkflow(taskCreateParameters({ taskName: 'n'.repeat(63) }), contacts(10_001)),
		);
		expect(result.error?.message).toMatch(
			/^Item 0: Task Name is 63 characters long, but the list is split into 2 tasks .* the suffix "-2" makes 65 characters; at most 64 are allowed, so shorten the Task Name to 62 characters or fewer$/,
		);
		expect(env.sandbox.requests).toHaveLength(0);
	}, 120_000);

	test('a start time in the past is refused before sending', async () => {
		const result = await env.harness.run(
			airudderWorkflow(
				taskCreateParameters({
					startImmediately: false,
					accountTimeZone: 'Asia/Manila',
					scheduleStartTime: '={{ $now.minus({ hours: 1 }).toISO() }}',
					scheduleEndTime: '={{ $now.plus({ hours: 2 }).toISO() }}',
				}),
				contacts(1),
			),
		);
		expect(result.error?.message).toMatch(/^Item 0: Schedule Start Time .* is in the past/);
		expect(result.error?.description).toBe('AIRudder field: ScheduleStartTime');
		expect(env.sandbox.requests).toHaveLength(0);
	});

	test('one mobile normalisation: spaces, hyphens, dots and parentheses are removed', async () => {
		const result = await env.harness.run(
			airudderWorkflow(
				taskCreateParameters(),
				contacts(1, () => ({ Mobile: '+62 (812) 345-678.9' })),
			),
		);
		expect(result.error).toBeUndefined();
		expect((creates()[0].Details as IDataObject[])[0].Mobile).toBe('+628123456789');
		expect(result.output('AIRudder')[0].json).toMatchObject({ created: true, rejected: false });
	});

	test("Mexico's zone choices: UTC−06:00 all year, the UTC−05:00 choice labelled for accounts set up that way", () => {
		const options = accountTimeZoneProperty.options as Array<{ name: string; value: string }>;
		const mexico = options.filter((o) => o.name.startsWith('Mexico'));
		const name = (value: string) => mexico.find((o) => o.value === value)?.name;
		expect(mexico).toHaveLength(2);
		expect(name('America/Mexico_City')).toBe('Mexico (UTC−06:00 All Year)');
		expect(name('Etc/GMT+5')).toMatch(/^Mexico \(UTC−05:00 All Year, Only Accounts Set Up So\)$/);
		expect(mexico.map((o) => o.name).join(' ')).not.toMatch(/Summer|Winter/);
	});
});
