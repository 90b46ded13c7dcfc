/**
 * `npm run demo`: the main job, end to end, on 127.0.0.1 only.
 * 1. starts the AIRudder sandbox;
 * 2. starts a real n8n 2.41.1 (installed by scripts/n8n-runtime.sh) with this package installed
 *    the way a manual community-node install does it (~/.n8n/nodes/node_modules/n8n-nodes-airudder);
 * 3. imports the sandbox credential and examples/task-create.json (Manual Trigger → 3 contacts →
 *    AIRudder Task Create → AIRudder Task Get), executes it, prints the TaskID and the task detail;
 * 4. publishes examples/callback-trigger.json, makes the sandbox fire a callback at its webhook URL
 *    and prints what the AIRudder Trigger emitted;
 * 5. stops everything it started (also on failure).
 * Run `npm run build` first (scripts/demo.sh does).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { startSandbox, type Sandbox } from '../sandbox/server';
import { N8nInstance, nodeOutput, type WorkflowJson } from '../test/support/n8n';

const ROOT = path.resolve(__dirname, '..');
const APP_KEY = 'sandbox-app-key';
const APP_SECRET = 'sandbox-app-secret';

function example(name: string): WorkflowJson {
	return JSON.parse(readFileSync(path.join(ROOT, 'examples', name), 'utf8')) as WorkflowJson;
}

function say(text: string): void {
	process.stdout.write(`[demo] ${text}\n`);
}

async function main(): Promise<void> {
	let sandbox: Sandbox | undefined;
	let n8n: N8nInstance | undefined;
	try {
		sandbox = await startSandbox({ appKey: APP_KEY, appSecret: APP_SECRET });
		say(`AIRudder sandbox on ${sandbox.url}`);
		n8n = new N8nInstance({ packageDir: ROOT });
		await n8n.importCredentials([
			{
				id: 'airudderSandboxCred',
				name: 'AIRudder sandbox',
				type: 'airudderApi',
				data: { appKey: APP_KEY, appSecret: APP_SECRET, baseUrl: sandbox.url },
			},
		]);
		const taskFlow = example('task-create.json');
		const triggerFlow = example('callback-trigger.json');
		await n8n.importWorkflow([taskFlow, triggerFlow]);

		say(`executing "${taskFlow.name}" in n8n`);
		const run = await n8n.execute(String(taskFlow.id));
		const created = nodeOutput(run, 'Create Task');
		say(
			`Create Task → TaskID ${String(created[0]?.TaskID)} (${created.length} contacts, rejected: ${created.filter((c) => c.rejected).length})`,
		);
		say(`Get Task → ${JSON.stringify(nodeOutput(run, 'Get Task')[0])}`);

		await n8n.publishWorkflow(String(triggerFlow.id));
		await n8n.start();
		const trigger = triggerFlow.nodes.find(
			(node) => node.type === 'n8n-nodes-airudder.airudderTrigger',
		);
		const url = n8n.webhookUrl(String(trigger?.webhookId), 'airudder');
		say(`AIRudder Trigger listening on ${url}`);
		const answer = await sandbox.fireCallback(url, 'workflowWabaMessageStatusChanged');
		say(`sandbox fired the WABA status callback → HTTP ${answer.status} ${answer.body}`);
		const row = await n8n.waitForExecution(
			(r) => r.workflowId === triggerFlow.id && r.finished === 1,
		);
		const emitted = nodeOutput(await n8n.executionRun(row.id), String(trigger?.name));
		say(`AIRudder Trigger emitted: ${JSON.stringify(emitted[0])}`);
		say('done');
	} finally {
		await n8n?.stop();
		await sandbox?.close();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`[demo] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exitCode = 1;
});
