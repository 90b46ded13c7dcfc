import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { airudderWorkflow } from '../../support/airudder';
import { airudderSuite, apiCalls } from '../../support/suites';

describe('AIRudder node: Workflow', () => {
	const env = airudderSuite();

	test('Workflow → Create sends template, name, end_time with offset and the items as details', async () => {
		const result = await env.harness.run(
			airudderWorkflow(
				{
					resource: 'workflow',
					operation: 'create',
					workflowTemplateId: 1024,
					name: 'collection_batch1',
					endTime: '2026-12-01T20:00:00+08:00',
					accountTimeZone: 'Asia/Manila',
					contactSource: 'item',
					additionalFields: { auto_finish: 2 },
				},
				[
					{ callee_number: '+6281', case_id: 'A1' },
					{ callee_number: '+6282', case_id: 'A2' },
				],
			),
		);
		expect(result.error).toBeUndefined();
		const [create] = apiCalls(env);
		expect(create.path).toBe('/service/cloud/workflow/createinstance');
		expect(create.body).toEqual({
			workflow_template_id: 1024,
			name: 'collection_batch1',
			end_time: '2026-12-01 20:00:00+08:00',
			auto_finish: 2,
			details: [
				{ callee_number: '+6281', case_id: 'A1' },
				{ callee_number: '+6282', case_id: 'A2' },
			],
		});
		const [out] = result.output('AIRudder');
		expect(out.json).toMatchObject({ name: 'collection_batch1', contactsSent: 2, requests: 1 });
		expect(env.sandbox.workflows.has(out.json.workflow_id as string)).toBe(true);
		expect(out.pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('Workflow → Create above 10,000 contacts sends the rest with uploaddetails; Add Contacts batches too', async () => {
		const many = Array.from({ length: 10_005 }, (_, i) => ({ callee_number: `+62${i}` }));
		const created = await env.harness.run(
			airudderWorkflow(
				{
					resource: 'workflow',
					operation: 'create',
					workflowTemplateId: 7,
					name: 'big',
					endTime: '2026-12-01T20:00:00Z',
					contactSource: 'item',
				},
				many,
			),
		);
		const workflowId = created.output('AIRudder')[0].json.workflow_id as string;
		expect(
			apiCalls(env).map((r) => [r.path, ((r.body as IDataObject).details as unknown[]).length]),
		).toEqual([
			['/service/cloud/workflow/createinstance', 10_000],
			['/service/cloud/workflow/uploaddetails', 5],
		]);
		env.sandbox.clearRequests();
		const added = await env.harness.run(
			airudderWorkflow(
				{
					resource: 'workflow',
					operation: 'addContacts',
					workflowId,
					contactSource: 'fields',
					contactFields: { field: [{ name: 'callee_number', value: '={{ $json.n }}' }] },
				},
				[{ n: '+6291' }, { n: '+6292' }],
			),
		);
		expect(added.output('AIRudder')[0].json).toMatchObject({
			workflow_id: workflowId,
			contactsSent: 2,
			requests: 1,
		});
		expect(apiCalls(env)[0].body).toEqual({
			workflow_id: workflowId,
			details: [{ callee_number: '+6291' }, { callee_number: '+6292' }],
		});
	}, 60_000);

	test('Workflow → Verify Custom API Push, Find by Contact and Get Outbound Task Details reach their paths', async () => {
		const created = await env.harness.run(
			airudderWorkflow({
				resource: 'workflow',
				operation: 'create',
				workflowTemplateId: 9,
				name: 'wf',
				endTime: '2026-12-01T20:00:00Z',
				contactSource: 'none',
			}),
		);
		const workflowId = created.output('AIRudder')[0].json.workflow_id as string;
		const verify = await env.harness.run(
			airudderWorkflow({
				resource: 'workflow',
				operation: 'verifyCustomApiPush',
				workflowId,
				nodeId: 'n1',
				callee: '+6281',
				caseId: 'c1',
			}),
		);
		expect(verify.error).toBeUndefined();
		const find = await env.harness.run(
			airudderWorkflow({
				resource: 'workflow',
				operation: 'findByContact',
				callee: '+6281',
				startTime: '2026-11-01T00:00:00Z',
				endTime: '2026-11-02T00:00:00Z',
				accountTimeZone: 'Asia/Jakarta',
			}),
		);
		expect(find.error).toBeUndefined();
		const detail = await env.harness.run(
			airudderWorkflow({
				resource: 'workflow',
				operation: 'getTaskDetail',
				body: JSON.stringify({ workflow_id: workflowId }),
			}),
		);
		expect(detail.error).toBeUndefined();
		const bodies = Object.fromEntries(apiCalls(env).map((r) => [r.path, r.body]));
		expect(bodies['/service/cloud/workflow/apinoticeinfo']).toEqual({
			workflow_id: workflowId,
			node_id: 'n1',
			callee: '+6281',
			case_id: 'c1',
		});
		expect(bodies['/service/cloud/workflow/detailinstances']).toEqual({
			callee: '+6281',
			start_time: '2026-11-01 07:00:00+07:00',
			end_time: '2026-11-02 07:00:00+07:00',
		});
		expect(bodies['/service/cloud/workflow/taskdetail']).toEqual({ workflow_id: workflowId });
	});

	test('Workflow → Create refuses a missing end time before sending anything', async () => {
		const result = await env.harness.run(
			airudderWorkflow({
				resource: 'workflow',
				operation: 'create',
				workflowTemplateId: 9,
				name: 'wf',
				endTime: '={{ "" }}',
			}),
		);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Item 0: End Time is required');
		expect(env.sandbox.requests).toHaveLength(0);
	});
});
