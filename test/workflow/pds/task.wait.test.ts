/**
 * Predictive Dialer → Task against the sandbox: Create → Wait for Completion (the task is polled
 * until it is Finished or Cancelled, then each contact gets its call records; a time-out gives
 * timedOut), Create as an AI agent's tool (the contact never comes from the agent's input item),
 * and the defaults (Get Many).
 */
import type { IDataObject } from 'n8n-workflow';

import { AirudderPdsApi } from '../../../credentials/AirudderPdsApi.credentials';
import { AirudderPredictiveDialer } from '../../../nodes/Airudder/AirudderPredictiveDialer.node';
import { PDS_APP_KEY, PDS_APP_SECRET } from '../../../sandbox/pds';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { itemsWorkflow } from '../../support/airudder';
import {
	PDS_NODE,
	PDS_TYPE,
	inMinutes,
	pdsContacts,
	pdsCreateParameters,
	pdsWorkflow,
	startPds,
} from '../../support/pds';
import { WorkflowHarness } from '../../support/workflow';

const PREFIX = '/service/callcenter/call/predict';
type Setup = Awaited<ReturnType<typeof startPds>>;

/** Task → Create with Wait for Completion on. */
const waiting = (overrides: IDataObject = {}) =>
	pdsCreateParameters({ waitForCompletion: true, pollInterval: 1, maxWait: 1, ...overrides });

describe('Predictive Dialer → Task → Create → Wait for Completion', () => {
	let env: Setup;
	// each sandbox call lasts 400 ms, so a task of 3 contacts stays Running for about 1.2 s
	beforeAll(async () => {
		env = await startPds({ pdsCallMs: 400 });
	});
	afterAll(async () => await env.close());
	beforeEach(() => env.sandbox.clearRequests());
	const bodies = (op: string) =>
		env.sandbox.requests
			.filter((r) => r.path === `${PREFIX}/${op}`)
			.map((r) => r.body as IDataObject);

	test('polls the task list for Finished / Cancelled until the task is Finished, then gives each contact its call records', async () => {
		const parameters = waiting();
		const started = Date.now();
		const result = await env.harness.run(
			pdsWorkflow(
				parameters,
				pdsContacts(3, () => ({})),
			),
		);
		expect(result.error).toBeUndefined();
		const out = result.output('PDS');
		expect(out).toHaveLength(3);
		out.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json).toMatchObject({
				taskName: parameters.taskName,
				phonenumber: pdsContacts(3)[i].phonenumber,
				rejected: false,
				taskState: 'Finished',
				timedOut: false,
			});
			const calls = item.json.calls as IDataObject[];
			expect(calls).toHaveLength(1);
			expect(calls[0]).toMatchObject({
				mainNumber: pdsContacts(3)[i].phonenumber,
				callResultType: 'Connected',
				hangupReason: 2,
			});
			expect(calls[0].calltimeIso).toMatch(/Z$/);
		});
		// the task was Running at the first check(s): more than one poll, about a second apart
		const polls = bodies('querytasklist');
		expect(polls.length).toBeGreaterThanOrEqual(3);
		expect(new Set(polls.map((poll) => poll.state))).toEqual(new Set(['Finished', 'Cancelled']));
		for (const poll of polls) {
			expect(poll).toMatchObject({ taskName: parameters.taskName, limit: 500 });
			expect(Object.keys(poll).sort()).toEqual(
				['limit', 'maxstarttime', 'minstarttime', 'state', 'taskName'].sort(),
			);
		}
		expect(polls.at(-1)!.state).toBe('Finished');
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		// then all records of the task, in one page
		expect(bodies('querytaskdetail')).toEqual([
			expect.objectContaining({
				taskId: out[0].json.taskId,
				offset: 0,
				orderBy: 'calltime',
				needCustomerInfo: false,
			}),
		]);
	});

	test('a contact that did not answer gets its unanswered call', async () => {
		const contacts = [
			{ phonenumber: '+628120000010', account_id: 'A0' },
			{ phonenumber: '+628120000011', account_id: 'A1' },
		];
		const result = await env.harness.run(pdsWorkflow(waiting(), contacts));
		expect(result.error).toBeUndefined();
		const [silent, answered] = result.output('PDS').map((item) => item.json);
		expect((silent.calls as IDataObject[])[0]).toMatchObject({
			callResultType: 'NotConnected',
			hangupReason: 3,
		});
		expect((answered.calls as IDataObject[])[0]).toMatchObject({ callResultType: 'Connected' });
	});

	test('a task cancelled while it dials ends the wait as Cancelled, with the calls made so far', async () => {
		const parameters = waiting();
		const run = env.harness.run(pdsWorkflow(parameters, pdsContacts(3)));
		// cancel once the node has polled (the first contact is being dialled)
		const until = Date.now() + 5000;
		while (!bodies('querytasklist').length && Date.now() < until)
			await new Promise((resolve) => setTimeout(resolve, 20));
		expect(env.sandbox.cancelPdsTask(String(parameters.taskName))).toBe(true);
		const result = await run;
		expect(result.error).toBeUndefined();
		const out = result.output('PDS').map((item) => item.json);
		expect(out.map((json) => json.taskState)).toEqual(['Cancelled', 'Cancelled', 'Cancelled']);
		expect(out.every((json) => json.timedOut === false)).toBe(true);
		expect((out[0].calls as IDataObject[]).length).toBe(1);
		expect(out[2].calls).toEqual([]);
	});

	test('when Maximum Wait runs out: timedOut true, taskState null, the records so far (no error)', async () => {
		const slow = await startPds({ pdsCallMs: 60_000 });
		try {
			const started = Date.now();
			const result = await slow.harness.run(
				pdsWorkflow(
					pdsCreateParameters({ waitForCompletion: true, pollInterval: 2, maxWait: 0.1 }),
					pdsContacts(2),
				),
			);
			const elapsed = Date.now() - started;
			expect(result.error).toBeUndefined();
			const out = result.output('PDS').map((item) => item.json);
			expect(out).toHaveLength(2);
			for (const json of out) {
				expect(json).toMatchObject({ taskState: null, timedOut: true, calls: [] });
				expect(json.taskId).toMatch(/^[0-9a-f]{32}$/);
			}
			// 6 s: checks at 0, 2, 4 and 6 s (two requests each), then the records
			expect(elapsed).toBeGreaterThanOrEqual(6000);
			expect(elapsed).toBeLessThan(12_000);
			const polls = slow.sandbox.requests.filter((r) => r.path === `${PREFIX}/querytasklist`);
			expect(polls.length).toBe(8);
		} finally {
			await slow.close();
		}
	}, 30_000);

	test('when a check fails the error names the task that exists; with Continue On Fail every contact carries it', async () => {
		const refusal = JSON.stringify({
			code: 10606,
			message: 'Check Task failed',
			status: 'failed',
			body: null,
		});
		env.sandbox.setFault({ path: `${PREFIX}/querytasklist`, body: refusal, times: 2 });
		const parameters = waiting();
		const failed = await env.harness.run(pdsWorkflow(parameters, pdsContacts(2)));
		const name = String(parameters.taskName);
		expect(failed.error?.message).toMatch(
			new RegExp(
				`^Task [0-9a-f]{32} \\(${name}\\) was created and dials on; waiting for it failed: .*10606`,
			),
		);
		const kept = await env.harness.run(
			pdsWorkflow(waiting(), pdsContacts(2), { onError: 'continueRegularOutput' }),
		);
		expect(kept.error).toBeUndefined();
		const out = kept.output('PDS');
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const { json } of out) {
			expect(json).toMatchObject({ taskState: null, timedOut: false, rejected: false });
			expect(json.taskId).toMatch(/^[0-9a-f]{32}$/);
			expect(String(json.error)).toContain('waiting for it failed');
		}
		env.sandbox.clearFaults();
	});

	test('a bad Poll Interval is refused before the task is created', async () => {
		const result = await env.harness.run(
			pdsWorkflow(waiting({ pollInterval: '={{ 0 }}' }), pdsContacts(1)),
		);
		expect(result.error?.message).toBe(
			'Item 0: Poll Interval (Seconds) must be a number of at least 1',
		);
		expect(bodies('createtask')).toHaveLength(0);
	});

	test('off by default: Create answers at once, without polling', async () => {
		const result = await env.harness.run(pdsWorkflow(pdsCreateParameters(), pdsContacts(2)));
		expect(result.error).toBeUndefined();
		expect(result.output('PDS')[0].json).not.toHaveProperty('taskState');
		expect(bodies('querytasklist')).toHaveLength(0);
	});
});

describe('Predictive Dialer → Task as an AI agent tool, and the defaults', () => {
	let sandbox: Sandbox;
	let harness: WorkflowHarness;
	// n8n runs a node as a tool under its name + "Tool"; the @tool display options key on that name
	const tool = new AirudderPredictiveDialer();
	tool.description = { ...tool.description, name: 'airudderPredictiveDialerTool' };
	const TOOL = { ...PDS_NODE, type: `${PDS_TYPE}Tool` };
	beforeAll(async () => {
		sandbox = await startSandbox({});
		harness = new WorkflowHarness({
			nodeTypes: {
				[PDS_TYPE]: new AirudderPredictiveDialer(),
				[TOOL.type]: tool,
			},
			credentialTypes: [new AirudderPdsApi()],
			credentials: {
				airudderPdsApi: { appKey: PDS_APP_KEY, appSecret: PDS_APP_SECRET, baseUrl: sandbox.url },
			},
		});
	});
	afterAll(async () => {
		await harness.close();
		await sandbox.close();
	});
	beforeEach(() => sandbox.clearRequests());
	/** What an agent's tool gets as its input item: the chat or webhook request, not a contact. */
	const AGENT_ITEM = {
		headers: { host: 'localhost:5678' },
		body: { chatInput: 'call +6281200000001' },
		sessionId: 's1',
	};
	const created = () =>
		sandbox.requests
			.filter((r) => r.path === `${PREFIX}/createtask`)
			.map((r) => r.body as IDataObject);

	test("as a tool, Create's contact is Phone Number and the Contact Fields, never the agent's input item", async () => {
		const result = await harness.run(
			itemsWorkflow(
				TOOL,
				pdsCreateParameters({
					phoneNumber: '+6281200000001',
					contactFields: { field: [{ name: 'account_id', value: 'A-7' }] },
				}),
				[AGENT_ITEM],
			),
		);
		expect(result.error).toBeUndefined();
		expect(result.output('PDS')[0].json).toMatchObject({
			phonenumber: '+6281200000001',
			rejected: false,
		});
		expect(created()[0].customizeContacts).toEqual([
			{ phonenumber: '+6281200000001', account_id: 'A-7' },
		]);
	});

	test('in a workflow, Contact Fields From still defaults to All Item Fields', async () => {
		const result = await harness.run(
			itemsWorkflow(PDS_NODE, pdsCreateParameters(), [
				{ phonenumber: '+6281200000002', account_id: 'A-8' },
			]),
		);
		expect(result.error).toBeUndefined();
		expect(created()[0].customizeContacts).toEqual([
			{ phonenumber: '+6281200000002', account_id: 'A-8' },
		]);
	});

	test('the node and the tool start on Task → Get Many (a read)', async () => {
		for (const target of [PDS_NODE, TOOL]) {
			sandbox.clearRequests();
			const result = await harness.run(
				itemsWorkflow(target, {
					minStartTime: inMinutes(-5),
					maxStartTime: inMinutes(5),
					accountTimeZone: 'Asia/Manila',
				}),
			);
			expect(result.error).toBeUndefined();
			// one read (after a sign-in on the first run): nothing is created
			expect(
				sandbox.requests.map((r) => r.path).filter((path) => path !== `${PREFIX}/auth`),
			).toEqual([`${PREFIX}/querytasklist`]);
		}
	});
});
