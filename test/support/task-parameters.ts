import type { IDataObject } from 'n8n-workflow';

/**
 * The one sandbox task the tests and the benches create, in both forms: the AIRudder node's Task →
 * Create parameters and the raw API body. Kept free of heavy imports (no harness, no n8n-core) so
 * that bench/ can import it under tsx.
 */

/** The docs' example robot; the sandbox lists it first. */
export const ROBOT_ID = 'e9f60ec4e5f1721c7992dc882767eb19';

/** Task → Create parameters for a sandbox run (start immediately, telemarketing). */
export function taskCreateParameters(overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'task',
		operation: 'create',
		taskName: `task-${Math.random().toString(36).slice(2, 10)}`,
		robotId: { __rl: true, mode: 'id', value: ROBOT_ID },
		sipLine: 'SANDBOX_LINE',
		businessLine: 'telemarketing',
		startImmediately: true,
		perform: 1,
		repeatNumber: 1,
		repeatInterval: 10,
		// the version-1.1 default is empty (typed once); the tests' items carry Platform
		platform: '={{ $json.Platform }}',
		...overrides,
	};
}

/**
 * The same task as the fields of the body of POST /service/cloud/v2/task (what the node sends for
 * {@link taskCreateParameters}), without TaskName and Details: for baselines that bypass the node.
 */
export const TASK_CREATE_FIELDS: IDataObject = {
	RobotID: ROBOT_ID,
	SIPLine: 'SANDBOX_LINE',
	Type: 'promotion',
	Perform: 1,
	RepeatNumber: 1,
	RepeatInterval: 10,
	StartImmediately: true,
};
