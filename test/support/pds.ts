import type { IDataObject, INode } from 'n8n-workflow';

import { AirudderPdsApi } from '../../credentials/AirudderPdsApi.credentials';
import { AirudderPredictiveDialer } from '../../nodes/Airudder/AirudderPredictiveDialer.node';
import { PDS_APP_KEY, PDS_APP_SECRET } from '../../sandbox/pds';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { itemsWorkflow, type NodeUnderTest } from './airudder';
import { WorkflowHarness, type HarnessWorkflow } from './workflow';

export const PDS_TYPE = 'n8n-nodes-airudder.airudderPredictiveDialer';
export const PDS_NODE: NodeUnderTest = {
	type: PDS_TYPE,
	name: 'PDS',
	credentials: { airudderPdsApi: { id: 'cred-pds', name: 'AIRudder PDS sandbox' } },
};

/** A sandbox and a harness whose `airudderPdsApi` credential points at it. */
export async function startPds(
	options: SandboxOptions = {},
	credential: IDataObject = {},
): Promise<{ sandbox: Sandbox; harness: WorkflowHarness; close(): Promise<void> }> {
	const sandbox = await startSandbox(options);
	const harness = new WorkflowHarness({
		nodeTypes: { [PDS_TYPE]: new AirudderPredictiveDialer() },
		credentialTypes: [new AirudderPdsApi()],
		credentials: {
			airudderPdsApi: {
				appKey: PDS_APP_KEY,
				appSecret: PDS_APP_SECRET,
				baseUrl: sandbox.url,
				...credential,
			},
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

/** Manual Trigger → Items → the Predictive Dialer node with `parameters`. */
export function pdsWorkflow(
	parameters: IDataObject,
	items: IDataObject[] = [{}],
	settings: Partial<INode> = {},
): HarnessWorkflow {
	return itemsWorkflow(PDS_NODE, parameters, items, settings);
}

/** `n` contacts `{phonenumber, account_id, dpd}` (dpd a number: sent as a string). */
export function pdsContacts(
	n: number,
	overrides: (i: number) => IDataObject = () => ({}),
): IDataObject[] {
	return Array.from({ length: n }, (_, i) => ({
		phonenumber: `+62812${String(i + 1).padStart(7, '0')}`,
		account_id: `A${i}`,
		dpd: i + 3,
		...overrides(i),
	}));
}

/** ISO instant `minutes` from now, and the Manila (sandbox account, +08:00) day it falls on. */
export function inMinutes(minutes: number): string {
	return new Date(Date.now() + minutes * 60_000).toISOString();
}

/** Task → Create parameters for a sandbox run (Asia/Manila = the sandbox's +08:00 account). */
export function pdsCreateParameters(overrides: IDataObject = {}): IDataObject {
	return {
		resource: 'task',
		operation: 'create',
		taskName: `pds_${Math.random().toString(36).slice(2, 10)}`,
		groupName: 'Group_Sandbox',
		startTime: inMinutes(0),
		autoEndTime: inMinutes(10),
		accountTimeZone: 'Asia/Manila',
		...overrides,
	};
}
