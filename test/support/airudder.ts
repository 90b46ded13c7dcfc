import type { IDataObject, INode } from 'n8n-workflow';

import { AirudderApi } from '../../credentials/AirudderApi.credentials';
import { Airudder } from '../../nodes/Airudder/Airudder.node';
import { AirudderTrigger } from '../../nodes/Airudder/AirudderTrigger.node';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import {
	MANUAL_TRIGGER_TYPE,
	TEST_ITEMS_TYPE,
	WorkflowHarness,
	type HarnessWorkflow,
} from './workflow';

/** Node type names as n8n registers the installed package. */
export const AIRUDDER_TYPE = 'n8n-nodes-airudder.airudder';
export const AIRUDDER_TRIGGER_TYPE = 'n8n-nodes-airudder.airudderTrigger';

export const APP_KEY = 'test-app-key';
export const APP_SECRET = 'test-app-secret';
export { ROBOT_ID, taskCreateParameters } from './task-parameters';

/** A sandbox and a harness whose `airudderApi` credential points at it. */
export async function startAirudder(
	options: SandboxOptions = {},
	credential: IDataObject = {},
): Promise<{ sandbox: Sandbox; harness: WorkflowHarness; close(): Promise<void> }> {
	const sandbox = await startSandbox({ appKey: APP_KEY, appSecret: APP_SECRET, ...options });
	const harness = new WorkflowHarness({
		nodeTypes: { [AIRUDDER_TYPE]: new Airudder(), [AIRUDDER_TRIGGER_TYPE]: new AirudderTrigger() },
		credentialTypes: [new AirudderApi()],
		credentials: {
			airudderApi: { appKey: APP_KEY, appSecret: APP_SECRET, baseUrl: sandbox.url, ...credential },
		},
	});
	return {
		sandbox,
		harness,
		async close() {
			await harness.close();
			await sandbox.close();
		},
	};
}

/** Contacts as input items: `n` valid telemarketing contacts. */
export function contacts(
	n: number,
	overrides: (i: number) => IDataObject = () => ({}),
): IDataObject[] {
	return Array.from({ length: n }, (_, i) => ({
		Mobile: `+62812${String(i).padStart(7, '0')}`,
		Customer: `Customer ${i}`,
		Platform: 'TestLend',
		Comments: `row-${i}`,
		...overrides(i),
	}));
}

/** The node under test in a {@link itemsWorkflow}: its type, name and credential. */
export interface NodeUnderTest {
	type: string;
	name: string;
	credentials: INode['credentials'];
}

const AIRUDDER_NODE: NodeUnderTest = {
	type: AIRUDDER_TYPE,
	name: 'AIRudder',
	credentials: { airudderApi: { id: 'cred-1', name: 'AIRudder sandbox' } },
};

/**
 * Manual Trigger → Items (the given input items) → the node under test with `parameters`
 * (and node `settings` such as continueOnFail / executeOnce).
 */
export function itemsWorkflow(
	target: NodeUnderTest,
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	settings: Partial<INode> = {},
): HarnessWorkflow {
	const node = (
		name: string,
		type: string,
		x: number,
		params: IDataObject,
		extra: Partial<INode> = {},
	): INode => ({
		id: `00000000-0000-4000-8000-00000000000${x}`,
		name,
		type,
		typeVersion: 1,
		position: [x * 200, 0],
		parameters: params as INode['parameters'],
		...extra,
	});
	return {
		nodes: [
			node('Start', MANUAL_TRIGGER_TYPE, 1, {}),
			node('Items', TEST_ITEMS_TYPE, 2, { items: JSON.stringify(items) }),
			node(target.name, target.type, 3, parameters, {
				credentials: target.credentials,
				...settings,
			}),
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: target.name, type: 'main', index: 0 }]] },
		},
	};
}

/** {@link itemsWorkflow} with the AIRudder node (named "AIRudder", credential `airudderApi`). */
export function airudderWorkflow(
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	settings: Partial<INode> = {},
): HarnessWorkflow {
	return itemsWorkflow(AIRUDDER_NODE, parameters, items, settings);
}
