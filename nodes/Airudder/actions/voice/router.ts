import { operationRouter } from '../shared/operations';
import * as custom from './custom/Custom.resource';
import * as processApi from './process/Process.resource';
import * as recording from './recording/Recording.resource';
import * as robot from './robot/Robot.resource';
import * as sms from './sms/Sms.resource';
import * as task from './task/Task.resource';
import * as workflow from './workflow/Workflow.resource';

/** The AIRudder node's operations by resource: `actions/voice/<resource>/<operation>.operation.ts`. */
export const router = operationRouter({
	task: task.operations,
	robot: robot.operations,
	recording: recording.operations,
	workflow: workflow.operations,
	sms: sms.operations,
	process: processApi.operations,
	custom: custom.operations,
});
