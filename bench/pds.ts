/**
 * `BENCH_ONLY=pds`: Predictive Dialer → Call → Get Records with Return All over a 10,000-record
 * task, in a real n8n 2.41.1 of its own (this package installed as a community package) against a
 * sandbox of its own on 127.0.0.1. Figures: the querytaskdetail requests it takes (pages of 200,
 * the reference client's page size, so 50 are expected) and the wall time of the webhook-started
 * run, plus the node's own run time from n8n's run data.
 */
import type { IDataObject } from 'n8n-workflow';

import { PDS_APP_KEY, PDS_APP_SECRET } from '../sandbox/pds';
import { startSandbox } from '../sandbox/server';
import { N8nInstance } from '../test/support/n8n';
import { codeNode, node, ROOT, runFlow, say, webhookFlow } from './lib';

const RECORDS = 10_000;
const PREFIX = '/service/callcenter/call/predict';
const CREDENTIAL = 'benchPdsCred';
const FLOW = 'bench-pds-records';

/** A sandbox PDS token (form-encoded sign-in, as the credential does it). */
async function pdsToken(baseUrl: string): Promise<string> {
	const answer = await fetch(`${baseUrl}${PREFIX}/auth`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ APPKey: PDS_APP_KEY, APPSecret: PDS_APP_SECRET }).toString(),
	});
	return ((await answer.json()) as { body: { token: string } }).body.token;
}

/** Creates a task of `n` contacts straight on the sandbox (no callback: dialled at once). */
async function createTask(baseUrl: string, token: string, n: number): Promise<string> {
	const wall = (ms: number) =>
		new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
	const now = Date.now();
	const answer = await fetch(`${baseUrl}${PREFIX}/createtask`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: `Token ${token}` },
		body: JSON.stringify({
			taskName: `bench_pds_${n}_${now}`,
			startTime: wall(now),
			// the sandbox account is +08:00: 6 minutes on (fails only in the last 6 minutes of its day)
			autoEndTime: wall(now + 6 * 60_000),
			groupName: 'Group_Sandbox',
			callback: '',
			customizeContacts: Array.from({ length: n }, (_, i) => ({
				phonenumber: `+62812${String(i + 1).padStart(7, '0')}`,
				account_id: `A${i}`,
			})),
		}),
	});
	const json = (await answer.json()) as { code: number; message: string; body: { taskId: string } };
	if (json.code !== 0) throw new Error(`createtask answered ${json.code} ${json.message}`);
	return json.body.taskId;
}

/** Runs the section; @returns its figures for bench/results.json. */
export async function pdsSection(): Promise<IDataObject> {
	say(`PDS: Call → Get Records, Return All over a ${RECORDS.toLocaleString('en')}-record task`);
	const sandbox = await startSandbox({});
	const n8n = new N8nInstance({ packageDir: ROOT });
	try {
		const token = await pdsToken(sandbox.url);
		const warmTask = await createTask(sandbox.url, token, 200);
		const bigTask = await createTask(sandbox.url, token, RECORDS);
		await n8n.importCredentials([
			{
				id: CREDENTIAL,
				name: CREDENTIAL,
				type: 'airudderPdsApi',
				data: { appKey: PDS_APP_KEY, appSecret: PDS_APP_SECRET, baseUrl: sandbox.url },
			},
		]);
		await n8n.importWorkflow(
			webhookFlow(FLOW, [
				node(
					'Get Call Records',
					'n8n-nodes-airudder.airudderPredictiveDialer',
					1,
					{
						resource: 'call',
						operation: 'getRecords',
						taskId: '={{ $json.body.taskId }}',
						returnAll: true,
					},
					{ credentials: { airudderPdsApi: { id: CREDENTIAL, name: CREDENTIAL } } },
				),
				codeNode('Count', 'return [{ json: { records: $input.all().length } }];'),
			]),
		);
		await n8n.publishWorkflow(FLOW);
		await n8n.start();
		const url = `${n8n.baseUrl}/webhook/${FLOW}`;
		await runFlow(url, { taskId: warmTask }); // warm-up, and the token
		sandbox.clearRequests();
		const { json, ms } = await runFlow(url, { taskId: bigTask });
		if (json.records !== RECORDS) throw new Error(`Get Records returned ${String(json.records)}`);
		const pages = sandbox.requests.filter(
			(r) => r.path === `${PREFIX}/querytaskdetail` && r.status === 200,
		);
		const [{ id }] = await n8n.query<{ id: number }>(
			'SELECT max(id) AS id FROM execution_entity WHERE workflowId = ?',
			FLOW,
		);
		const run = await n8n.executionRun(id);
		const nodeMs = run.data.resultData.runData['Get Call Records']?.[0]?.executionTime;
		return {
			pdsRecordsRequestsFor10000: pages.length,
			pdsRecordsWallMsFor10000: Math.round(ms),
			pdsRecordsNodeMsFor10000: nodeMs ?? null,
			pdsRecordsPageSize: 200,
		};
	} finally {
		await n8n.stop();
		await sandbox.close();
	}
}
