import { operationRouter } from '../shared/operations';
import * as call from './call/Call.resource';
import * as custom from './custom/Custom.resource';
import * as task from './task/Task.resource';

/** The Predictive Dialer node's operations by resource: `actions/pds/<resource>/<operation>.operation.ts`. */
export const router = operationRouter({
	task: task.operations,
	call: call.operations,
	custom: custom.operations,
});
