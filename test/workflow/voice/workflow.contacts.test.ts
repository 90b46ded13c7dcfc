/**
 * Workflow → Create / Add Contacts (issue 10): the per-contact outcome model and On Error: Continue,
 * and a later contact batch that fails after the workflow task was created.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { airudderWorkflow, startAirudder } from '../../support/airudder';

type Setup = Awaited<ReturnType<typeof startAirudder>>;

const people = (n: number) =>
	Array.from({ length: n }, (_, i) => ({ callee_number: `+62812${String(i).padStart(7, '0')}` }));

describe('Workflow contacts: every contact gets its outcome', () => {
	let env: Setup;
	beforeAll(async () => {
		env = await startAirudder();
	});
	afterAll(async () => await env.close());
	beforeEach(() => {
		env.sandbox.clearRequests();
		env.sandbox.clearFaults();
	});

	const create = (overrides: IDataObject = {}): IDataObject => ({
		resource: 'workflow',
		operation: 'create',
		workflowTemplateId: 7,
		name: 'big-workflow',
		endTime: '={{ $now.plus({ days: 2 }).toISO() }}',
		accountTimeZone: 'Asia/Manila',
		contactSource: 'item',
		...overrides,
	});

	test('Workflow → Create: a failed second batch names the workflow task that exists and what to send again', async () => {
		env.sandbox.setFault({
			method: 'POST',
			path: '/service/cloud/workflow/uploaddetails',
			body: JSON.stringify({ code: 500, status: 'upload failed', data: {} }),
		});
		const result = await env.harness.run(airudderWorkflow(create(), people(10_002)));
		expect(result.error).toBeInstanceOf(NodeOperationError);
		const workflowId = [...env.sandbox.workflows.keys()].pop();
		expect(result.error?.message).toMatch(
			new RegExp(
				`^Workflow task ${String(workflowId)} got the first 10000 contacts of this list; sending the next 2 failed: .*upload failed`,
			),
		);
		expect(result.error?.description).toMatch(
			/Send only the remaining contacts with Workflow → Add Contacts/,
		);
	}, 120_000);

	test('Add Contacts: a task-level error with On Error: Continue is an error on every item; an empty contact is reported, the rest sent', async () => {
		const bad = await env.harness.run(
			airudderWorkflow(
				{ resource: 'workflow', operation: 'addContacts', workflowId: ' ', contactSource: 'item' },
				people(2),
				{ continueOnFail: true },
			),
		);
		expect(bad.output('AIRudder')).toEqual([
			{ json: { error: 'Item 0: Workflow ID is required' }, pairedItem: { item: 0 } },
			{ json: { error: 'Item 0: Workflow ID is required' }, pairedItem: { item: 1 } },
		]);
		expect(env.sandbox.requests).toHaveLength(0);

		const created = await env.harness.run(airudderWorkflow(create({ name: 'wf-add' }), people(1)));
		const workflowId = String(created.output('AIRudder')[0].json.workflow_id);
		env.sandbox.clearRequests();
		const added = await env.harness.run(
			airudderWorkflow(
				{ resource: 'workflow', operation: 'addContacts', workflowId, contactSource: 'item' },
				[...people(2), { blank: ' ' }],
			),
		);
		expect(added.error).toBeUndefined();
		const output = added.output('AIRudder');
		expect(output[0].json).toMatchObject({ contactsSent: 2, contactsRejected: 1, requests: 1 });
		expect(output[1]).toMatchObject({
			json: { rejected: true, rejection: { field: 'details', rejectedBy: 'node' } },
			pairedItem: { item: 2 },
		});
		expect((env.sandbox.requests[0].body as IDataObject).details).toEqual(people(2));
	});
});
