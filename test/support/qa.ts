import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';

import { AirudderPdsApi } from '../../credentials/AirudderPdsApi.credentials';
import { AirudderQaApi } from '../../credentials/AirudderQaApi.credentials';
import { AirudderPredictiveDialer } from '../../nodes/Airudder/AirudderPredictiveDialer.node';
import { AirudderQa } from '../../nodes/Airudder/AirudderQa.node';
import { QA_REPORT_EVENT } from '../../nodes/Airudder/trigger/events';
import { qaSign } from '../../nodes/Airudder/trigger/verifyQaSign';
import { exampleOf } from '../../sandbox/callback-examples';
import { PDS_APP_KEY, PDS_APP_SECRET } from '../../sandbox/pds';
import { QA_APP_KEY, QA_APP_SECRET, QA_PREFIX } from '../../sandbox/qa';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { TestBinary, type TestFile } from '../fixtures/harness/TestBinary.node';
import { MANUAL_TRIGGER_TYPE, WorkflowHarness, type HarnessWorkflow } from './workflow';

export const QA_TYPE = 'n8n-nodes-airudder.airudderQa';
export const QA_NODE = 'QA';
export const TEST_BINARY_TYPE = 'test.binary';

/** A sandbox and a harness whose `airudderQaApi` credential points at its `/qa/` prefix. */
export async function startQa(
	options: SandboxOptions = {},
	credential: IDataObject = {},
): Promise<{
	sandbox: Sandbox;
	harness: WorkflowHarness;
	credential(): ICredentialDataDecryptedObject;
	close(): Promise<void>;
}> {
	const sandbox = await startSandbox(options);
	const stored = (): ICredentialDataDecryptedObject => ({
		appKey: QA_APP_KEY,
		appSecret: QA_APP_SECRET,
		baseUrl: `${sandbox.url}${QA_PREFIX}`,
		...credential,
	});
	const harness = new WorkflowHarness({
		nodeTypes: {
			[QA_TYPE]: new AirudderQa(),
			[TEST_BINARY_TYPE]: new TestBinary(),
			'n8n-nodes-airudder.airudderPredictiveDialer': new AirudderPredictiveDialer(),
		},
		credentialTypes: [new AirudderQaApi(), new AirudderPdsApi()],
		credentials: {
			airudderQaApi: stored(),
			airudderPdsApi: { appKey: PDS_APP_KEY, appSecret: PDS_APP_SECRET, baseUrl: sandbox.url },
		},
	});
	return {
		sandbox,
		harness,
		credential: stored,
		async close() {
			await harness.close();
			await sandbox.close();
		},
	};
}

/** A running sandbox + harness with the QA node (see {@link startQa}). */
export type QaEnv = Awaited<ReturnType<typeof startQa>>;

/**
 * The QA node's suite: jest hooks start a sandbox and a harness before the block, close them after
 * it, and clear the sandbox's faults and recorded requests before each test. Filled in `beforeAll`.
 */
export function qaSuite(options: SandboxOptions = {}): QaEnv {
	const env = {} as QaEnv;
	beforeAll(async () => {
		Object.assign(env, await startQa(options));
	});
	afterAll(async () => await env.close());
	beforeEach(() => {
		env.sandbox.clearFaults();
		env.sandbox.clearRequests();
	});
	return env;
}

/** The "AIRudder QA sandbox" credential of examples/qa-negative-words.json, for `n8n import:credentials`. */
export const qaSandboxCredential = (sandboxUrl: string) => ({
	id: 'airudderQaSandboxCred',
	name: 'AIRudder QA sandbox',
	type: 'airudderQaApi',
	data: { appKey: QA_APP_KEY, appSecret: QA_APP_SECRET, baseUrl: `${sandboxUrl}${QA_PREFIX}` },
});

const node = (
	name: string,
	type: string,
	x: number,
	parameters: IDataObject,
	extra: Partial<INode> = {},
): INode => ({
	id: `00000000-0000-4000-8000-0000000000${String(x).padStart(2, '0')}`,
	name,
	type,
	typeVersion: 1,
	position: [x * 200, 0],
	parameters: parameters as INode['parameters'],
	...extra,
});

/** Manual Trigger → Files (test.binary emitting `files`) → the QA node with `parameters`. */
export function qaWorkflow(
	parameters: IDataObject,
	files: TestFile[] = [],
	settings: Partial<INode> = {},
): HarnessWorkflow {
	return {
		nodes: [
			node('Start', MANUAL_TRIGGER_TYPE, 1, {}),
			node('Files', TEST_BINARY_TYPE, 2, { files: JSON.stringify(files) }),
			node(QA_NODE, QA_TYPE, 3, parameters, {
				credentials: { airudderQaApi: { id: 'cred-qa', name: 'AIRudder QA sandbox' } },
				...settings,
			}),
		],
		connections: {
			Start: { main: [[{ node: 'Files', type: 'main', index: 0 }]] },
			Files: { main: [[{ node: QA_NODE, type: 'main', index: 0 }]] },
		},
	};
}

/** `n` WAV files named `<1000 + i>.wav` of `bytes` bytes each (seed = i). */
export function wavFiles(
	n: number,
	bytes = 4000,
	extra: (i: number) => Partial<TestFile> = () => ({}),
): TestFile[] {
	return Array.from({ length: n }, (_, i) => ({
		fileName: `${1000 + i}.wav`,
		bytes,
		seed: i + 1,
		json: { call: i },
		...extra(i),
	}));
}

/**
 * The reference's QA report callback (the production client's fixture) for another TaskID, with
 * channel 2's Negative score set to `negative2` (e.g. `"3/4"`), signed with `key` as AIRudder signs.
 */
export function signedQaReport(taskId: string, negative2: string, key = 'airudder'): IDataObject {
	const body = exampleOf(QA_REPORT_EVENT)!;
	const [entry] = body.QADetail as IDataObject[];
	entry.Scores = (entry.Scores as IDataObject[]).map((score) =>
		score.CheckPointType === 'Negative' && score.Channel === '2'
			? { ...score, Score: negative2 }
			: score,
	);
	return { ...body, TaskID: taskId, Sign: qaSign(taskId, key) };
}
