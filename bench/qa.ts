/**
 * `BENCH_ONLY=qa`: n8n's peak RSS while AIRudder QA → Recording → Analyse uploads a WAV of 5, 50
 * and 200 MB, in a real n8n 2.41.1 of its own (this package installed as a community package,
 * filesystem binary data: n8n 2.41's default outside queue mode) against a sandbox of its own on
 * 127.0.0.1. Measured as the recording-download bench does: VmRSS sampled every 10 ms and VmHWM
 * (reset before each run), minus the RSS before the run; medians of 3 rounds, sizes interleaved.
 * Each run first downloads the recording with AIRudder → Recording → Get Call Recording (streamed
 * to binary data, its own rise measured flat by the recording bench), then Analyse Recordings
 * creates a task, uploads the file (streamed base64 inside JSON) and starts the task.
 */
import type { IDataObject } from 'n8n-workflow';

import { QA_APP_KEY, QA_APP_SECRET, QA_PREFIX } from '../sandbox/qa';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { N8nInstance } from '../test/support/n8n';
import {
	AIRUDDER,
	airudderCredentials,
	credentialRef,
	median,
	node,
	peakRssDuring,
	ROOT,
	round,
	runFlow,
	say,
	scriptCallRecording,
	serverPid,
	webhookFlow,
	APP_KEY,
	APP_SECRET,
} from './lib';

const MB = 1024 * 1024;
const SIZES_MB = [5, 50, 200] as const;
const ROUNDS = 3;
const FLOW = 'bench-qa-upload';
const CREDENTIAL = 'benchQaCred';

/** One run: the recording of `bytes` is downloaded, then analysed. @returns RSS before and peak (MB). */
async function uploadPeak(
	sandbox: Sandbox,
	url: string,
	pid: number,
	bytes: number,
): Promise<{ baseMb: number; peakMb: number }> {
	scriptCallRecording(sandbox, bytes, 'qa-bench');
	const { result, baseMb, peakMb } = await peakRssDuring(pid, () => runFlow(url));
	const { json } = result;
	if (json.bytes !== bytes || json.started !== true)
		throw new Error(`Analyse Recordings answered ${JSON.stringify(json)}`);
	const task = sandbox.qa.tasks.get(String(json.TaskID));
	if (task?.recordings[0]?.bytes !== bytes)
		throw new Error('the sandbox did not get the whole file');
	sandbox.clearRequests();
	return { baseMb, peakMb };
}

/** Runs the section; @returns its figures for bench/results.json. */
export async function qaSection(): Promise<IDataObject> {
	say(`QA upload: peak RSS of the n8n process, ${SIZES_MB.join(' / ')} MB × ${ROUNDS} rounds`);
	const sandbox = await startSandbox({ appKey: APP_KEY, appSecret: APP_SECRET });
	const n8n = new N8nInstance({ packageDir: ROOT });
	try {
		await n8n.importCredentials([
			...airudderCredentials(sandbox, ['benchCred']),
			{
				id: CREDENTIAL,
				name: CREDENTIAL,
				type: 'airudderQaApi',
				data: {
					appKey: QA_APP_KEY,
					appSecret: QA_APP_SECRET,
					baseUrl: `${sandbox.url}${QA_PREFIX}`,
				},
			},
		]);
		await n8n.importWorkflow(
			webhookFlow(FLOW, [
				node(
					'Recording',
					AIRUDDER,
					1,
					{
						resource: 'recording',
						operation: 'getCallRecording',
						taskId: 'benchtask',
						callee: '+628120000000',
					},
					{ credentials: credentialRef('benchCred') },
				),
				node(
					'Analyse Recordings',
					'n8n-nodes-airudder.airudderQa',
					1,
					{ resource: 'recording', operation: 'analyse', taskName: 'QA_bench' },
					{ credentials: { airudderQaApi: { id: CREDENTIAL, name: CREDENTIAL } } },
				),
			]),
		);
		await n8n.publishWorkflow(FLOW);
		await n8n.start(300_000);
		const pid = serverPid(n8n.workDir);
		const url = `${n8n.baseUrl}/webhook/${FLOW}`;
		await uploadPeak(sandbox, url, pid, 5 * MB); // warm-up, and the tokens
		const rises = new Map<number, number[]>(SIZES_MB.map((size) => [size, []]));
		const peaks = new Map<number, number[]>(SIZES_MB.map((size) => [size, []]));
		for (let r = 0; r < ROUNDS; r++) {
			for (const size of SIZES_MB) {
				const { baseMb, peakMb } = await uploadPeak(sandbox, url, pid, size * MB);
				rises.get(size)!.push(peakMb - baseMb);
				peaks.get(size)!.push(peakMb);
				say(`  ${size} MB: base ${round(baseMb, 1)} MB, peak ${round(peakMb, 1)} MB`);
			}
		}
		const rise = (size: number) => round(median(rises.get(size)!), 1);
		return {
			qaUploadRounds: ROUNDS,
			qaUploadPeakRssMb50: round(median(peaks.get(50)!), 1),
			qaUploadPeakRssMb200: round(median(peaks.get(200)!), 1),
			qaUploadPeakRssRiseMb5: rise(5),
			qaUploadPeakRssRiseMb50: rise(50),
			qaUploadPeakRssRiseMb200: rise(200),
		};
	} finally {
		await n8n.stop();
		await sandbox.close();
	}
}
