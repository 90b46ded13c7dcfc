import type { IDataObject } from 'n8n-workflow';

import { AirudderApi } from '../../../credentials/AirudderApi.credentials';
import { Airudder } from '../../../nodes/Airudder/Airudder.node';
import { EMPTY_TOOL_RESULT } from '../../../nodes/Airudder/actions/shared/tool';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { APP_KEY, APP_SECRET, itemsWorkflow } from '../../support/airudder';
import { WorkflowHarness } from '../../support/workflow';

/**
 * The AIRudder node in its tool form (`n8n-nodes-airudder.airudderTool`, what n8n runs for an AI
 * agent; the harness has no `isToolExecution`, as n8n 1.x, so the type's name decides): a contact
 * is never built from the tool call's arguments, and an empty result says that nothing matched.
 */
describe('AIRudder node as a tool (airudderTool)', () => {
	const TOOL = { type: 'n8n-nodes-airudder.airudderTool', name: 'AIRudder Tool' };
	let sandbox: Sandbox;
	let harness: WorkflowHarness;
	beforeAll(async () => {
		sandbox = await startSandbox({ appKey: APP_KEY, appSecret: APP_SECRET });
		harness = new WorkflowHarness({
			nodeTypes: { [TOOL.type]: new Airudder() },
			credentialTypes: [new AirudderApi()],
			credentials: {
				airudderApi: { appKey: APP_KEY, appSecret: APP_SECRET, baseUrl: sandbox.url },
			},
		});
	});
	afterAll(async () => {
		await harness.close();
		await sandbox.close();
	});
	const tool = (parameters: IDataObject, items: IDataObject[]) =>
		itemsWorkflow(
			{ ...TOOL, credentials: { airudderApi: { id: 'cred-1', name: 'AIRudder sandbox' } } },
			parameters,
			items,
		);

	test('Workflow → Add Contacts "Each Input Item as It Is" refuses to run, before sending', async () => {
		sandbox.clearRequests();
		const result = await harness.run(
			tool(
				{
					resource: 'workflow',
					operation: 'addContacts',
					workflowId: 'wf-1',
					contactSource: 'item',
				},
				[{ workflowId: 'wf-1', query: 'call them' }],
			),
		);
		expect(result.error?.message).toMatch(
			/^Contacts "Each Input Item as It Is" does not work as an AI agent's tool/,
		);
		expect(sandbox.requests.filter((r) => r.path.includes('uploaddetails'))).toEqual([]);
	});

	test('Workflow → Add Contacts with fields the model fills is sent', async () => {
		const created = await harness.run(
			tool(
				{
					resource: 'workflow',
					operation: 'create',
					workflowTemplateId: 9,
					name: 'wf',
					endTime: new Date(Date.now() + 86_400_000).toISOString(),
					contactSource: 'none',
				},
				[{}],
			),
		);
		const workflowId = String(created.output(TOOL.name)[0].json.workflow_id);
		sandbox.clearRequests();
		const result = await harness.run(
			tool(
				{
					resource: 'workflow',
					operation: 'addContacts',
					workflowId,
					contactSource: 'fields',
					contactFields: { field: [{ name: 'callee_number', value: '={{ $json.number }}' }] },
				},
				[{ number: '+6291' }],
			),
		);
		const upload = sandbox.requests.find((r) => r.path.endsWith('/uploaddetails'));
		expect(upload?.body).toEqual({
			workflow_id: workflowId,
			details: [{ callee_number: '+6291' }],
		});
		expect(result.output(TOOL.name)[0].json).toMatchObject({ contactsSent: 1 });
	});

	test('no items from an operation become one item that says nothing matched', async () => {
		const result = await harness.run(
			tool({ resource: 'robot', operation: 'getAll', returnAll: false, limit: 0 }, [{}]),
		);
		const output = result.output(TOOL.name).map((item) => item.json);
		// Robot → Get Many with a limit of 0 outputs nothing; as a tool the model is told so
		expect(output).toEqual([{ result: EMPTY_TOOL_RESULT }]);
	});
});
