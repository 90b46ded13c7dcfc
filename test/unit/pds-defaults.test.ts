import type { INode, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { AirudderPredictiveDialer } from '../../nodes/Airudder/AirudderPredictiveDialer.node';

/**
 * The Predictive Dialer's defaults as n8n resolves them (NodeHelpers.getNodeParameters, what the
 * editor and the Workflow class use), in a workflow and as an AI agent's tool (n8n runs the tool
 * under the node's name + "Tool", which the `@tool` display options key on).
 */
const NODE = new AirudderPredictiveDialer().description;
const TOOL: INodeTypeDescription = { ...NODE, name: `${NODE.name}Tool` };

function resolved(description: INodeTypeDescription, parameters: INode['parameters']) {
	const node: INode = {
		id: '1',
		name: 'PDS',
		type: `n8n-nodes-airudder.${description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	return NodeHelpers.getNodeParameters(
		description.properties,
		parameters,
		true,
		false,
		node,
		description,
	)!;
}

describe('Predictive Dialer defaults', () => {
	it.each([
		['node', NODE],
		['tool', TOOL],
	])('the %s starts on Task → Get Many, with no Account Time Zone chosen', (_kind, description) => {
		const parameters = resolved(description, {});
		expect(parameters).toMatchObject({
			resource: 'task',
			operation: 'getAll',
			accountTimeZone: '',
		});
	});

	it("Task → Create: in a workflow the contact is the item's fields, as a tool the model's number and the set fields", () => {
		const create = { resource: 'task', operation: 'create' };
		expect(resolved(NODE, create)).toMatchObject({
			phoneNumber: '={{ $json.phonenumber }}',
			contactSource: 'item',
			waitForCompletion: false,
		});
		const tool = resolved(TOOL, create);
		expect(tool.contactSource).toBe('defined');
		expect(tool.phoneNumber).toMatch(
			/^=\{\{ \$fromAI\('phonenumber', '.*E\.164.*', 'string'\) \}\}$/,
		);
		expect(tool.waitForCompletion).toBe(false);
		// a value the user set wins in both
		expect(resolved(TOOL, { ...create, contactSource: 'item' }).contactSource).toBe('item');
	});

	it('Wait for Completion: Poll Interval 60 s and Maximum Wait 60 min once it is on', () => {
		const on = resolved(NODE, { resource: 'task', operation: 'create', waitForCompletion: true });
		expect(on).toMatchObject({ pollInterval: 60, maxWait: 60 });
		const off = resolved(NODE, { resource: 'task', operation: 'create' });
		expect(off).not.toHaveProperty('pollInterval');
	});
});
