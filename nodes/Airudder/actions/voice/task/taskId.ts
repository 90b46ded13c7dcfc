import type { INodeProperties } from 'n8n-workflow';

/** The Task ID parameter shared by the operations that act on one task. */
export const taskIdProperty: INodeProperties = {
	displayName: 'Task ID',
	name: 'taskId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. c3b6b04cd7f8d2b182d3fd20eed3d144',
	description: 'The TaskID AIRudder returned when the task was created',
};
