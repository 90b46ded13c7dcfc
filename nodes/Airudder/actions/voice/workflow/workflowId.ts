import type { INodeProperties } from 'n8n-workflow';

/** The workflow_id of a workflow task, returned by Workflow → Create. */
export const workflowIdProperty: INodeProperties = {
	displayName: 'Workflow ID',
	name: 'workflowId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 4cb9db206ac0a1b2c3d4e5f615e4e613d2',
	description: 'The workflow_id AIRudder returned when the workflow task was created',
};
