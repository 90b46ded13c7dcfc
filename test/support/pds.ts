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

/** Path prefix of every Predictive Dialer endpoint. */
export const PDS_PREFIX = '/service/callcenter/call/predict';

/**
 * The Predictive Dialer node's suite (test/workflow/pds/<resource>.test.ts): jest hooks start a
 * sandbox that dials at once and a harness before the block, close them after it and clear faults
 * and recorded requests before each test. The returned `env` is filled in `beforeAll`.
 */
export function pdsSuite(options: SandboxOptions = { callbackDelayMs: 5 }) {
	const env = {} as Awaited<ReturnType<typeof startPds>>;
	beforeAll(async () => {
		Object.assign(env, await startPds(options));
	});
	afterAll(async () => await env.close());
	beforeEach(() => {
		env.sandbox.clearFaults();
		env.sandbox.clearRequests();
	});
	/** The requests the sandbox received (`op`: only that endpoint), the sign-in aside. */
	const calls = (op?: string) =>
		env.sandbox.requests.filter(
			(r) => r.path !== `${PDS_PREFIX}/auth` && (!op || r.path === `${PDS_PREFIX}/${op}`),
		);
	/** Creates a task (no callback: the sandbox dials it at once) and returns its taskId. */
	async function createTask(n: number, extra: IDataObject = {}): Promise<string> {
		const result = await env.harness.run(pdsWorkflow(pdsCreateParameters(extra), pdsContacts(n)));
		expect(result.error).toBeUndefined();
		return result.output('PDS')[0].json.taskId as string;
	}
	/** Call → Get Records with Return All: every call record of a task, as output items. */
	async function allRecords(taskId: string) {
		const result = await env.harness.run(
			pdsWorkflow({ resource: 'call', operation: 'getRecords', taskId, returnAll: true }),
		);
		expect(result.error).toBeUndefined();
		return result.output('PDS');
	}
	return { env, calls, createTask, allRecords };
}
