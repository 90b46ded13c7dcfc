/**
 * AIRudder QA node, Task → Create / Start / Cancel, run by n8n-core against the sandbox's QA API:
 * the fields sent, the credential (Base URL joined with one '/', Bearer token kept by n8n and
 * refreshed on 401), and bad input (wrong Base URL, key pair, Task ID).
 */
import type { IDataObject } from 'n8n-workflow';

import { QA_PREFIX } from '../../../sandbox/qa';
import { QA_NODE, qaSuite, qaWorkflow, wavFiles } from '../../support/qa';

describe('AIRudder QA node: tasks', () => {
	const env = qaSuite({ callbackDelayMs: 5 });
	beforeEach(() => env.harness.setCredentials('airudderQaApi', env.credential()));
	const calls = () =>
		env.sandbox.requests
			.filter((r) => r.path.startsWith(QA_PREFIX))
			.map((r) => `${r.method} ${r.path.slice(QA_PREFIX.length)}`);
	const bodies = (path: string, method = 'POST') =>
		env.sandbox.requests
			.filter((r) => r.path === `${QA_PREFIX}${path}` && r.method === method)
			.map((r) => r.body as IDataObject);
	const create = (parameters: IDataObject = {}, items: IDataObject[] = [{}]) =>
		env.harness.run(
			qaWorkflow(
				{ resource: 'task', operation: 'create', ...parameters },
				items.map((json) => ({ none: true, json })),
			),
		);

	test('Task → Create sends TaskName, Language and SOPModel as strings, one task per item, signing in once', async () => {
		const result = await create({ taskName: '=QA_{{ $json.n }}' }, [{ n: 1 }, { n: 2 }]);
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['POST customer_token', 'POST task', 'POST task']);
		expect(bodies('customer_token')[0]).toEqual({
			APPKey: 'sandbox-qa-app-key',
			APPSecret: 'sandbox-qa-app-secret',
		});
		expect(bodies('task')).toEqual([
			{ TaskName: 'QA_1', Language: 'id_BA', SOPModel: '2' },
			{ TaskName: 'QA_2', Language: 'id_BA', SOPModel: '2' },
		]);
		const [first] = env.sandbox.requests.filter((r) => r.path === `${QA_PREFIX}task`);
		expect(first.headers.authorization).toMatch(/^Bearer [0-9a-f]{48}$/);
		expect(result.json(QA_NODE)).toEqual(
			[1, 2].map((n) => ({
				TaskID: expect.stringMatching(/^[0-9a-f]{32}$/),
				TaskName: `QA_${n}`,
				Language: 'id_BA',
				SOPModel: '2',
				status: 'OK',
				code: 200,
			})),
		);
		expect(result.output(QA_NODE).map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
		]);
	});

	test('free-text Language and SOP Model values and Additional Body Fields are sent as given', async () => {
		const result = await create({
			taskName: 'QA_other',
			language: '__other',
			languageOther: 'en_US',
			sopModel: '__other',
			sopModelOther: '5',
			additionalBodyFields: '{"Priority": 1}',
		});
		expect(result.error).toBeUndefined();
		expect(bodies('task')).toEqual([
			{ Priority: 1, TaskName: 'QA_other', Language: 'en_US', SOPModel: '5' },
		]);
		const missing = await create({ taskName: 'QA_x', language: '__other', languageOther: ' ' });
		expect(missing.error?.message).toBe('Item 0: Language Code is required');
	});

	test('the Base URL is joined with exactly one "/", with or without a trailing slash', async () => {
		for (const baseUrl of [`${env.sandbox.url}/qa`, `${env.sandbox.url}/qa///`]) {
			env.sandbox.clearRequests();
			env.harness.setCredentials('airudderQaApi', {
				...env.credential(),
				baseUrl,
				sessionToken: '',
			});
			const result = await create({ taskName: 'QA_join' });
			expect(result.error).toBeUndefined();
			expect(env.sandbox.requests.map((r) => r.path)).toEqual(['/qa/customer_token', '/qa/task']);
		}
	});

	test('Start and Cancel send PUT task once per distinct Task ID; every item gets the answer', async () => {
		const created = await create({ taskName: 'QA_s' }, [{}, {}]);
		const [a, b] = created.json(QA_NODE).map((j) => String(j.TaskID));
		const upload = await env.harness.run(
			qaWorkflow({ resource: 'recording', operation: 'upload', taskId: '={{ $json.task }}' }, [
				...wavFiles(2).map((f) => ({ ...f, json: { task: a } })),
				...wavFiles(1).map((f) => ({ ...f, json: { task: b } })),
			]),
		);
		expect(upload.error).toBeUndefined();
		env.sandbox.clearRequests();
		const start = await env.harness.run(
			qaWorkflow(
				{ resource: 'task', operation: 'start' },
				[a, a, b].map((TaskID) => ({ none: true, json: { TaskID } })),
			),
		);
		expect(start.error).toBeUndefined();
		expect(bodies('task', 'PUT')).toEqual([
			{ TaskID: a, Action: 'Start' },
			{ TaskID: b, Action: 'Start' },
		]);
		expect(start.json(QA_NODE)).toEqual(
			[a, a, b].map((TaskID) => ({ TaskID, Action: 'Start', status: 'OK', code: 200 })),
		);
		expect(env.sandbox.qa.tasks.get(a)?.state).toMatch(/started|reported/);
		const fresh = String((await create({ taskName: 'QA_c' })).json(QA_NODE)[0].TaskID);
		const cancel = await env.harness.run(
			qaWorkflow({ resource: 'task', operation: 'cancel', taskId: fresh }, [{ none: true }]),
		);
		expect(cancel.json(QA_NODE)).toEqual([
			{ TaskID: fresh, Action: 'Cancel', status: 'OK', code: 200 },
		]);
		expect(env.sandbox.qa.tasks.get(fresh)?.state).toBe('cancelled');
	});

	test("AIRudder's refusal (status not OK) is an error naming the item, status, code and message; Continue On Fail keeps going", async () => {
		const fresh = String((await create({ taskName: 'QA_empty' })).json(QA_NODE)[0].TaskID);
		const start = await env.harness.run(
			qaWorkflow({ resource: 'task', operation: 'start', taskId: fresh }, [{ none: true }]),
		);
		expect(start.error?.message).toBe(
			'Item 0: AIRudder QA answered PUT /task with code 400: status ERROR, TaskID has no recordings to analyse',
		);
		const going = await env.harness.run(
			qaWorkflow(
				{ resource: 'task', operation: 'start' },
				['nope', fresh].map((TaskID) => ({ none: true, json: { TaskID } })),
				{
					onError: 'continueRegularOutput',
				},
			),
		);
		expect(going.json(QA_NODE).map((j) => [j.TaskID, j.error])).toEqual([
			[
				'nope',
				'Item 0: AIRudder QA answered PUT /task with code 400: status ERROR, TaskID is not a task',
			],
			[
				fresh,
				'Item 1: AIRudder QA answered PUT /task with code 400: status ERROR, TaskID has no recordings to analyse',
			],
		]);
	});

	test('a token expired between runs is refreshed once through n8n (401 → sign-in → the call again)', async () => {
		await create({ taskName: 'QA_t1' });
		const before = env.sandbox.qa.tokensIssued;
		env.sandbox.expireTokens();
		env.sandbox.clearRequests();
		const result = await create({ taskName: '=QA_{{ $json.n }}' }, [{ n: 1 }, { n: 2 }, { n: 3 }]);
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual([
			'POST task',
			'POST customer_token',
			'POST task',
			'POST task',
			'POST task',
		]);
		expect(env.sandbox.requests.map((r) => r.status)).toEqual([401, 200, 200, 200, 200]);
		expect(env.sandbox.qa.tokensIssued).toBe(before + 1);
		expect(env.harness.credentialsStore('airudderQaApi').sessionToken).toMatch(/^[0-9a-f]{48}$/);
	});

	test('a wrong Base URL is refused before any request, naming the item and the credential field', async () => {
		for (const [baseUrl, said] of [
			['', 'is empty'],
			['127.0.0.1:1/qa/', '("127.0.0.1:1/qa/") is not an http(s) address without ? or #'],
			[
				`${env.sandbox.url}/qa/?x=1`,
				`("${env.sandbox.url}/qa/?x=1") is not an http(s) address without ? or #`,
			],
		]) {
			env.sandbox.clearRequests();
			env.harness.setCredentials('airudderQaApi', {
				...env.credential(),
				baseUrl,
				sessionToken: '',
			});
			const result = await create({ taskName: 'QA_b' });
			expect(result.error?.message).toBe(
				`Item 0: the Base URL of the AIRudder QA API credential ${said}`,
			);
			expect(result.error?.description).toMatch(/Credential field: Base URL/);
			expect(env.sandbox.requests).toEqual([]);
		}
	});

	test('a Base URL without the QA prefix, a refused key pair and nothing listening are told apart', async () => {
		env.harness.setCredentials('airudderQaApi', {
			...env.credential(),
			baseUrl: env.sandbox.url,
			sessionToken: '',
		});
		const noPrefix = await create({ taskName: 'QA_p' });
		expect(noPrefix.error?.message).toBe(
			"Item 0: AIRudder QA refused the APPKey/APPSecret: HTTP 404 AIRudder's message: No such API: POST /customer_token (at /customer_token). Check both values and the Base URL.",
		);
		env.harness.setCredentials('airudderQaApi', {
			...env.credential(),
			appSecret: 'wrong-secret',
			sessionToken: '',
		});
		const refused = await create({ taskName: 'QA_r' });
		expect(refused.error?.message).toMatch(
			/^Item 0: AIRudder QA refused the APPKey\/APPSecret: HTTP 401 .*\(at \/customer_token\)/,
		);
		expect(JSON.stringify(refused.error)).not.toContain('wrong-secret');
		env.harness.setCredentials('airudderQaApi', {
			...env.credential(),
			baseUrl: 'http://127.0.0.1:9/qa/',
			sessionToken: '',
		});
		const down = await create({ taskName: 'QA_d' });
		expect(down.error?.message).toBe(
			"Item 0: AIRudder QA's sign-in at /customer_token failed: http://127.0.0.1:9 refused the connection (check the Base URL: scheme, host and port)",
		);
	});
});
