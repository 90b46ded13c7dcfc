import { operationRouter } from '../shared/operations';
import * as custom from './custom/Custom.resource';
import * as recording from './recording/Recording.resource';
import * as task from './task/Task.resource';

/** The QA node's operations by resource: `actions/qa/<resource>/<operation>.operation.ts`. */
export const router = operationRouter({
	task: task.operations,
	recording: recording.operations,
	custom: custom.operations,
});
