/**
 * AIRudder QA node, Custom API Call, run by n8n-core against the sandbox's QA API: a path relative
 * to the QA Base URL, POST or PUT with a JSON body and the credential's Bearer token, the answer's
 * `{status, code, data}`; an answer whose status is not OK names the item; a path to another host
 * or with a query string is refused before anything is sent.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { AirudderQa } from '../../../nodes/Airudder/AirudderQa.node';
import { QA_PREFIX } from '../../../sandbox/qa';
import { QA_NODE, qaSuite, qaWorkflow, wavFiles } from '../../support/qa';

describe('AIRudder QA node: Custom API Call', () => {
	const env = qaSuite({ callbackDelayMs: 5 });
	beforeEach(() => env.harness.setCredentials('airudderQaApi', env.credential()));
	const custom = (method: string, path: string, body: string) => ({
		resource: 'custom',
		operation: 'apiCall',
		method,
		path,
		body,
	});
	const run = (method: string, path: string, body: string, items: IDataObject[] = [{}]) =>
		env.harness.run(
			qaWorkflow(
				custom(method, path, body),
				items.map((json) => ({ none: true, json })),
				{ continueOnFail: true },
			),
		);

	test('POST /task creates a task and PUT /task starts it, with the Bearer token, answering {status, code, data}', async () => {
		const created = await run(
			'POST',
			'/task',
			'{"TaskName": "QA_custom", "Language": "id_BA", "SOPModel": "2"}',
		);
		expect(created.error).toBeUndefined();
		const [answer] = created.json(QA_NODE);
		expect(answer).toEqual({
			status: 'OK',
			code: 200,
			data: { TaskID: expect.stringMatching(/^[0-9a-f]{32}$/) },
		});
		const TaskID = String((answer.data as IDataObject).TaskID);
		const upload = await env.harness.run(
			qaWorkflow({ resource: 'recording', operation: 'upload', taskId: TaskID }, wavFiles(1)),
		);
		expect(upload.error).toBeUndefined();
		env.sandbox.clearRequests();
		const started = await run(
			'PUT',
			'/task',
			'={{ JSON.stringify({ TaskID: $json.id, Action: "Start" }) }}',
			[{ id: TaskID }],
		);
		expect(started.error).toBeUndefined();
		expect(started.json(QA_NODE)).toEqual([{ status: 'OK', code: 200, data: {} }]);
		expect(started.output(QA_NODE)[0].pairedItem).toEqual({ item: 0 });
		const [put] = env.sandbox.requests.filter((r) => r.path === `${QA_PREFIX}task`);
		expect(put).toMatchObject({ method: 'PUT', body: { TaskID, Action: 'Start' } });
		expect(put.headers.authorization).toMatch(/^Bearer [0-9a-f]{48}$/);
		expect(env.sandbox.qa.tasks.get(TaskID)?.state).toMatch(/started|reported/);
	});

	test('an answer whose status is not OK is an error naming the item and the field', async () => {
		const result = await env.harness.run(
			qaWorkflow(custom('PUT', '/task', '{"TaskID": "nope", "Action": "Start"}'), [{ none: true }]),
		);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toMatch(
			/^Item 0: AIRudder QA answered PUT \/task .*TaskID is not a task/,
		);
	});

	test('refuses a path to another host, without "/" or with a query string, before sending', async () => {
		const result = await run('PUT', '={{ $json.path }}', '{}', [
			{ path: '//evil.example/task' },
			{ path: 'http://evil.example/task' },
			{ path: '/task?TaskID=1' },
		]);
		const message = (i: number) => `Item ${i}: Path must start with "/" and hold no query string`;
		expect(result.json(QA_NODE).map((json) => json.error)).toEqual([
			message(0),
			message(1),
			message(2),
		]);
		expect(env.sandbox.requests).toEqual([]);
	});

	test('offers the methods the QA API uses, POST and PUT, both with a JSON body', () => {
		const properties = new AirudderQa().description.properties.filter((p) =>
			p.displayOptions?.show?.resource?.includes('custom'),
		);
		const method = properties.find((p) => p.name === 'method');
		expect((method?.options as Array<{ value: string }>).map((o) => o.value)).toEqual([
			'POST',
			'PUT',
		]);
		expect(method?.default).toBe('POST');
		const body = properties.find((p) => p.name === 'body');
		expect(body?.displayOptions?.show?.method).toEqual(['POST', 'PUT']);
	});
});
