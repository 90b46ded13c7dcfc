import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Fault } from '../../sandbox/types';
import { airudderWorkflow, contacts, taskCreateParameters } from '../support/airudder';
import { inMinutes, pdsContacts, pdsCreateParameters, pdsWorkflow, startPds } from '../support/pds';
import { QA_NODE, qaSuite, qaWorkflow, wavFiles } from '../support/qa';
import {
	CHATBOT_NODE,
	airudderSuite,
	chatbotSuite,
	chatbotWorkflow,
	createTask,
	receiverItem,
	sendParameters,
} from '../support/suites';
import type { HarnessRunResult, HarnessWorkflow } from '../support/workflow';

/**
 * Continue On Fail is the same in every operation: every operation of every action node runs with
 * one bad item among good ones and Settings → On Error → Continue. The bad item gets its own error
 * item (`{ error }`, paired to it alone), the good ones their normal output, and the run succeeds.
 * A bad item is bad input where the operation reads one per item (caught before sending), or an
 * error answer to that item's request where it reads nothing per item (a `fault`).
 */

/** One row of the table: the workflow, the index of the bad item, and a fault to queue first. */
interface Row {
	workflow: HarnessWorkflow;
	bad: number;
	fault?: Fault;
}

const ON_ERROR_CONTINUE = { onError: 'continueRegularOutput' as const };

/** Input indexes an output item is paired to. */
const pairedTo = (item: INodeExecutionData): number[] =>
	(Array.isArray(item.pairedItem) ? item.pairedItem : [item.pairedItem]).map((p) =>
		typeof p === 'number' ? p : (p?.item ?? -1),
	);

/** Checks the outcome of one row: one error item for the bad item, normal items for the others. */
function expectPerItemOutcome(result: HarnessRunResult, node: string, inputs: number, bad: number) {
	expect({ status: result.status, error: result.error?.message }).toEqual({
		status: 'success',
		error: undefined,
	});
	const output = result.output(node);
	const only = (index: number) =>
		output.filter((item) => {
			const paired = pairedTo(item);
			return paired.length === 1 && paired[0] === index;
		});
	const errors = only(bad);
	expect(errors.length).toBeGreaterThan(0);
	for (const item of errors) expect(item.json.error).toEqual(expect.any(String));
	for (let index = 0; index < inputs; index++) {
		if (index === bad) continue;
		// its own items, or an item for several inputs (e.g. the summary of a contact list)
		const covering = output.filter((item) => pairedTo(item).includes(index));
		expect({ index, outputs: covering.length > 0 }).toEqual({ index, outputs: true });
		for (const item of covering)
			expect({ index, json: item.json }).not.toHaveProperty('json.error');
	}
}

/** A 400 answer with an error code, to the request of the item after `after` items (not retried). */
const refusal = (path: string, after: number, body: IDataObject): Fault => ({
	path,
	after,
	status: 400,
	body: JSON.stringify(body),
});

describe('Continue On Fail, every operation: AIRudder node', () => {
	const env = airudderSuite({}, { processTenantId: '1024', processToken: 'process-user-token' });
	let taskIds: string[];
	let workflowId: string;

	beforeAll(async () => {
		taskIds = [await createTask(env, 3), await createTask(env, 3), await createTask(env, 3)];
		const created = await env.harness.run(
			airudderWorkflow({
				resource: 'workflow',
				operation: 'create',
				workflowTemplateId: 9,
				name: 'cof-wf',
				endTime: '2026-12-01T20:00:00Z',
				contactSource: 'none',
			}),
		);
		workflowId = String(created.output('AIRudder')[0].json.workflow_id);
	});

	const byItem = (parameters: IDataObject, items: IDataObject[], bad = 1): Row => ({
		workflow: airudderWorkflow(parameters, items, ON_ERROR_CONTINUE),
		bad,
	});
	const ids = (bad: IDataObject = { id: '' }) => [{ id: taskIds[0] }, bad, { id: taskIds[2] }];
	const people = [{ callee_number: '+6281' }, { blank: ' ' }, { callee_number: '+6283' }];
	const fault = (path: string): Fault => refusal(path, 1, { code: 400, msg: 'refused' });

	const rows: Array<[string, () => Row]> = [
		[
			'Task → Create',
			() =>
				byItem(
					taskCreateParameters(),
					contacts(3, (i) => (i === 1 ? { Mobile: '' } : {})),
				),
		],
		[
			'Task → Get',
			() => byItem({ resource: 'task', operation: 'get', taskId: '={{ $json.id }}' }, ids()),
		],
		[
			'Task → Get Many',
			() => ({
				...byItem({ resource: 'task', operation: 'getAll', returnAll: true }, [{}, {}, {}]),
				fault: fault('/service/cloud/list'),
			}),
		],
		[
			'Task → Stop',
			() => byItem({ resource: 'task', operation: 'stop', taskId: '={{ $json.id }}' }, ids()),
		],
		[
			'Task → Cancel Call',
			() =>
				byItem(
					{
						resource: 'task',
						operation: 'cancelCall',
						taskId: '={{ $json.id }}',
						calleeNumber: '={{ $json.callee }}',
					},
					[
						{ id: taskIds[1], callee: '+628120000000' },
						{ id: taskIds[1], callee: '' },
						{ id: taskIds[1], callee: '+628120000002' },
					],
				),
		],
		[
			'Robot → Get Many',
			() => ({
				...byItem({ resource: 'robot', operation: 'getAll', returnAll: true }, [{}, {}, {}]),
				fault: fault('/service/cloud/robot'),
			}),
		],
		[
			'Recording → Get Call Recording',
			() =>
				byItem(
					{
						resource: 'recording',
						operation: 'getCallRecording',
						taskId: '={{ $json.id }}',
						callee: '+628120000001',
						download: false,
					},
					ids(),
				),
		],
		[
			'Recording → Get Task Recordings',
			() =>
				byItem(
					{
						resource: 'recording',
						operation: 'getTaskRecordings',
						taskId: '={{ $json.id }}',
						download: false,
					},
					ids(),
				),
		],
		[
			'Workflow → Create',
			() =>
				byItem(
					{
						resource: 'workflow',
						operation: 'create',
						workflowTemplateId: 9,
						name: 'cof-create',
						endTime: '2026-12-01T20:00:00Z',
						contactSource: 'item',
					},
					people,
				),
		],
		[
			'Workflow → Add Contacts',
			() =>
				byItem(
					{ resource: 'workflow', operation: 'addContacts', workflowId, contactSource: 'item' },
					people,
				),
		],
		[
			'Workflow → Find by Contact',
			() =>
				byItem(
					{
						resource: 'workflow',
						operation: 'findByContact',
						callee: '={{ $json.number }}',
						startTime: '2026-11-01T00:00:00Z',
						endTime: '2026-11-02T00:00:00Z',
						accountTimeZone: 'Asia/Jakarta',
					},
					[{ number: '+6281' }, { number: '' }, { number: '+6283' }],
				),
		],
		[
			'Workflow → Get Outbound Task Details',
			() =>
				byItem({ resource: 'workflow', operation: 'getTaskDetail', body: '={{ $json.body }}' }, [
					{ body: JSON.stringify({ workflow_id: workflowId }) },
					{ body: '{not json' },
					{ body: JSON.stringify({ workflow_id: workflowId }) },
				]),
		],
		[
			'Workflow → Verify Custom API Push',
			() =>
				byItem(
					{
						resource: 'workflow',
						operation: 'verifyCustomApiPush',
						workflowId,
						nodeId: '={{ $json.node }}',
						callee: '+6281',
					},
					[{ node: 'n1' }, { node: '' }, { node: 'n3' }],
				),
		],
		[
			'SMS → Send',
			() =>
				byItem({ resource: 'sms', operation: 'send', to: '={{ $json.to }}', message: 'Hello' }, [
					{ to: '+6281' },
					{ to: '' },
					{ to: '+6283' },
				]),
		],
		[
			'Process → Get Node Read Status',
			() =>
				byItem(
					{
						resource: 'process',
						operation: 'getNodeReadStatus',
						procInstId: '={{ $json.p }}',
						taskKey: 'node_1',
					},
					[{ p: 'p-1' }, { p: '' }, { p: 'p-3' }],
				),
		],
		[
			'Custom API Call',
			() =>
				byItem(
					{ resource: 'custom', operation: 'apiCall', method: 'GET', path: '={{ $json.path }}' },
					[
						{ path: '/service/cloud/robot' },
						{ path: 'service/cloud/robot' },
						{ path: '/service/cloud/robot' },
					],
				),
		],
	];

	it.each(rows)('%s', async (_name, make) => {
		const row = make();
		if (row.fault) env.sandbox.setFault(row.fault);
		const result = await env.harness.run(row.workflow);
		expectPerItemOutcome(result, 'AIRudder', 3, row.bad);
	});
});

describe('Continue On Fail, every operation: AIRudder Chatbot node', () => {
	const env = chatbotSuite();
	const byItem = (parameters: IDataObject, items: IDataObject[]): Row => ({
		workflow: chatbotWorkflow(parameters, items, ON_ERROR_CONTINUE),
		bad: 1,
	});
	const calls = [{ call: 'call-1' }, { call: '' }, { call: 'call-1' }];

	const rows: Array<[string, () => Row]> = [
		[
			'Template Message → Send',
			() =>
				byItem(sendParameters(), [
					receiverItem('6281'),
					{ date: 'x', name: 'y' },
					receiverItem('6283'),
				]),
		],
		[
			'Message → Get Many',
			() =>
				byItem({ resource: 'message', operation: 'getAll', callId: '={{ $json.call }}' }, calls),
		],
		[
			'Huawei Channel → Send User Message',
			() =>
				byItem(
					{
						resource: 'huaweiChannel',
						operation: 'sendUserMessage',
						callId: '={{ $json.call }}',
						channelId: 'hwbcauat',
						userId: '123',
						userName: 'nick',
						messages: { message: [{ type: 'text', text: 'hi' }] },
					},
					calls,
				),
		],
		[
			'Custom API Call',
			() =>
				byItem(
					{
						resource: 'custom',
						operation: 'apiCall',
						method: 'POST',
						path: '={{ $json.path }}',
						body: '{"call_id":"c1","size":1}',
					},
					[
						{ path: '/api/v1/session/messages' },
						{ path: '//evil.example/x' },
						{ path: '/api/v1/session/messages' },
					],
				),
		],
	];

	it.each(rows)('%s', async (_name, make) => {
		const row = make();
		const result = await env.harness.run(row.workflow);
		expectPerItemOutcome(result, CHATBOT_NODE, 3, row.bad);
	});
});

describe('Continue On Fail, every operation: AIRudder Predictive Dialer node', () => {
	let env: Awaited<ReturnType<typeof startPds>>;
	let taskId: string;
	let laterTaskId: string;
	let taskName: string;
	let answered: IDataObject;
	beforeAll(async () => {
		env = await startPds({ callbackDelayMs: 5 });
		taskName = `cof_${Date.now()}`;
		const created = await env.harness.run(
			pdsWorkflow(pdsCreateParameters({ taskName }), pdsContacts(10)),
		);
		taskId = created.output('PDS')[0].json.taskId as string;
		const later = await env.harness.run(
			pdsWorkflow(
				pdsCreateParameters({ startTime: inMinutes(30), autoEndTime: inMinutes(40) }),
				pdsContacts(3),
			),
		);
		laterTaskId = later.output('PDS')[0].json.taskId as string;
		const records = await env.harness.run(
			pdsWorkflow({ resource: 'call', operation: 'getRecords', taskId, returnAll: true }),
		);
		answered = records.output('PDS').find((r) => r.json.talkResult === 'Connected')!.json;
	});
	afterAll(async () => await env.close());
	beforeEach(() => env.sandbox.clearFaults());

	const byItem = (parameters: IDataObject, items: IDataObject[], bad = 1): Row => ({
		workflow: pdsWorkflow(parameters, items, ON_ERROR_CONTINUE),
		bad,
	});

	const rows: Array<[string, () => Row]> = [
		[
			'Task → Create',
			() =>
				byItem(
					pdsCreateParameters(),
					pdsContacts(3, (i) => (i === 1 ? { phonenumber: '08123' } : {})),
				),
		],
		[
			'Task → Copy',
			() =>
				byItem(
					{
						resource: 'task',
						operation: 'copy',
						fromTask: '={{ $json.from }}',
						taskName: '={{ "copy_" + $itemIndex + "_" + $now.toMillis() }}',
						groupName: 'Group_Sandbox',
						autoEndTime: inMinutes(10),
						accountTimeZone: 'Asia/Manila',
					},
					[{ from: taskName }, { from: '' }, { from: taskName }],
				),
		],
		[
			'Task → Get Many',
			() =>
				byItem(
					{
						resource: 'task',
						operation: 'getAll',
						minStartTime: '={{ $json.from }}',
						maxStartTime: inMinutes(60),
						accountTimeZone: 'Asia/Manila',
						limit: 1,
					},
					[{ from: inMinutes(-60) }, { from: 'not a time' }, { from: inMinutes(-60) }],
				),
		],
		[
			'Task → Cancel Contacts',
			() =>
				byItem({ resource: 'task', operation: 'cancelContacts' }, [
					{ taskId: laterTaskId, phonenumber: '+628120000001' },
					{ taskId: laterTaskId, phonenumber: '08123' },
					{ taskId: laterTaskId, phonenumber: '+628120000003' },
				]),
		],
		[
			'Call → Get Records',
			() =>
				byItem({ resource: 'call', operation: 'getRecords', taskId: '={{ $json.id }}', limit: 2 }, [
					{ id: taskId },
					{ id: '' },
					{ id: taskId },
				]),
		],
		[
			'Call → Get Recording',
			() =>
				byItem({ resource: 'call', operation: 'getRecording', download: false }, [
					answered,
					{ callid: '' },
					answered,
				]),
		],
		[
			'Custom API Call',
			() =>
				byItem(
					{
						resource: 'custom',
						operation: 'apiCall',
						method: 'POST',
						path: '={{ $json.path }}',
						body: JSON.stringify({
							minstarttime: '2020-01-01 00:00:00',
							maxstarttime: '2020-01-01 01:00:00',
							limit: 1,
						}),
					},
					[
						{ path: '/service/callcenter/call/predict/querytasklist' },
						{ path: 'http://evil.example/x' },
						{ path: '/service/callcenter/call/predict/querytasklist' },
					],
				),
		],
	];

	it.each(rows)('%s', async (_name, make) => {
		const row = make();
		if (row.fault) env.sandbox.setFault(row.fault);
		const result = await env.harness.run(row.workflow);
		expectPerItemOutcome(result, 'PDS', 3, row.bad);
	});
});

describe('Continue On Fail, every operation: AIRudder QA node', () => {
	const env = qaSuite({ callbackDelayMs: 5 });
	/** Task IDs by what the rows need: tasks with a recording (Start), plain tasks (Upload, Cancel). */
	let withRecording: string[];
	let plain: string[];

	beforeAll(async () => {
		const created = await env.harness.run(
			qaWorkflow(
				{ resource: 'task', operation: 'create', taskName: 'QA_cof' },
				Array.from({ length: 5 }, () => ({ none: true })),
			),
		);
		const ids = created.json(QA_NODE).map((json) => String(json.TaskID));
		withRecording = ids.slice(0, 2);
		plain = ids.slice(2);
		const upload = await env.harness.run(
			qaWorkflow(
				{ resource: 'recording', operation: 'upload', taskId: '={{ $json.task }}' },
				wavFiles(2, 2000, (i) => ({ json: { task: withRecording[i] } })),
			),
		);
		expect(upload.error).toBeUndefined();
	});

	/** Items without binary data, with the given JSON. */
	const jsonItems = (items: IDataObject[]) => items.map((json) => ({ none: true, json }));
	/** Three WAV items, the middle one without its binary field (the bad item). */
	const filesWithoutSecond = () => wavFiles(3, 2000, (i) => (i === 1 ? { none: true } : {}));
	const byItem = (parameters: IDataObject, files: ReturnType<typeof wavFiles>): Row => ({
		workflow: qaWorkflow(parameters, files, ON_ERROR_CONTINUE),
		bad: 1,
	});
	const taskAction = (operation: string, [a, b]: string[]) =>
		byItem(
			{ resource: 'task', operation, taskId: '={{ $json.task }}' },
			jsonItems([{ task: a }, { task: '' }, { task: b }]),
		);

	const rows: Array<[string, () => Row]> = [
		[
			'Task → Create',
			() =>
				byItem(
					{ resource: 'task', operation: 'create', taskName: '={{ $json.name }}' },
					jsonItems([{ name: 'QA_a' }, { name: ' ' }, { name: 'QA_c' }]),
				),
		],
		['Task → Start', () => taskAction('start', withRecording)],
		['Task → Cancel', () => taskAction('cancel', plain)],
		[
			'Recording → Upload',
			() =>
				byItem(
					{ resource: 'recording', operation: 'upload', taskId: plain[2] },
					filesWithoutSecond(),
				),
		],
		[
			'Recording → Analyse',
			() => byItem({ resource: 'recording', operation: 'analyse' }, filesWithoutSecond()),
		],
		[
			'Custom API Call',
			() =>
				byItem(
					{
						resource: 'custom',
						operation: 'apiCall',
						method: 'POST',
						path: '={{ $json.path }}',
						body: '{"TaskName": "QA_custom", "Language": "id_BA", "SOPModel": "2"}',
					},
					jsonItems([{ path: '/task' }, { path: '//evil.example/task' }, { path: '/task' }]),
				),
		],
	];

	it.each(rows)('%s', async (_name, make) => {
		const row = make();
		const result = await env.harness.run(row.workflow);
		expectPerItemOutcome(result, QA_NODE, 3, row.bad);
	});
});
