/**
 * The `expressions` part of `npm run bench`: Task → Create with one Additional Contact Field that
 * holds an expression vs n8n's own Set node evaluating the same expression, over the same 25,000
 * items, in the same n8n. Both sides' figure is the node's own run time from n8n's run data.
 * Also the `concurrency` part: 1,000 Task → Get at several "Concurrent Reads" settings (the
 * measurement the credential's default comes from).
 */
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../sandbox/server';
import type { WorkflowJson } from '../test/support/n8n';
import { AIRUDDER, codeNode, credentialRef, median, node, round, runFlow, say } from './lib';
import { ROBOT_ID } from '../test/support/task-parameters';

/** Items of the expression comparison (the 25,000-contact case: three tasks of ≤ 10,000). */
export const EXPRESSION_CONTACTS = 25_000;
/** The expression both sides evaluate once per item. */
export const CONTACT_EXPRESSION = '={{ $json.Customer.toUpperCase() }}';
const EXPRESSION_ROUNDS = 3;
/** Pass mark: Task → Create's node time with the expression ≤ this × the Set node's. */
export const EXPRESSION_RATIO_LIMIT = 1.5;

/** "Concurrent Reads" settings measured by the concurrency part (5 is the credential's default). */
export const CONCURRENCY_SWEEP = [1, 2, 5, 10] as const;
/** The sweep's credential ids, one per setting (`readConcurrency` set in its data). */
export const sweepCredentialId = (concurrency: number) => `benchConc${concurrency}`;

const CONTACTS_CODE = `const n = $('Webhook').first().json.body.n;
return Array.from({ length: n }, (_, i) => ({ json: { Mobile: '+62812' + String(i).padStart(7, '0'), Customer: 'Customer ' + i, Platform: 'BenchLend', Comments: 'row-' + i } }));`;

/** The workflows of both parts. */
export function expressionWorkflows(
	webhookFlow: (id: string, nodes: ReturnType<typeof node>[]) => WorkflowJson,
	getItems: ReturnType<typeof node>,
): WorkflowJson[] {
	const contacts = codeNode('Contacts', CONTACTS_CODE);
	return [
		webhookFlow('bench-expr-ours', [
			contacts,
			node(
				'Create Task',
				AIRUDDER,
				1,
				{
					resource: 'task',
					operation: 'create',
					taskName: '=bench-expr-{{ $execution.id }}',
					robotId: { __rl: true, mode: 'id', value: ROBOT_ID },
					sipLine: 'SANDBOX_LINE',
					businessLine: 'telemarketing',
					startImmediately: true,
					perform: 1,
					repeatNumber: 1,
					repeatInterval: 10,
					additionalContactFields: { field: [{ name: 'Borrower', value: CONTACT_EXPRESSION }] },
				},
				{ credentials: credentialRef('benchCred') },
			),
		]),
		webhookFlow('bench-expr-set', [
			contacts,
			node('Set', 'n8n-nodes-base.set', 3.4, {
				mode: 'manual',
				assignments: {
					assignments: [
						{ id: 'bench-borrower', name: 'Borrower', value: CONTACT_EXPRESSION, type: 'string' },
					],
				},
				includeOtherFields: false,
				options: {},
			}),
		]),
		...CONCURRENCY_SWEEP.map((concurrency) =>
			webhookFlow(`bench-conc-${concurrency}`, [
				getItems,
				node(
					'Get Task',
					AIRUDDER,
					1,
					{ resource: 'task', operation: 'get', taskId: '={{ $json.TaskID }}' },
					{ credentials: credentialRef(sweepCredentialId(concurrency)) },
				),
			]),
		),
	];
}

/** Task → Create with an expression-mapped field vs the Set node with the same expression. */
export async function expressionsSection(
	sandbox: Sandbox,
	url: (id: string) => string,
	nodeTimeMs: (workflowId: string, nodeName: string) => Promise<number>,
): Promise<IDataObject> {
	say(
		`${EXPRESSION_CONTACTS} contacts with one expression-mapped contact field vs n8n's Set node with the same expression`,
	);
	// A keep-alive socket that n8n closed while this process (which also runs the sandbox) was busy
	// with a 10,000-contact body: sent again once on a fresh socket.
	const run = (id: string, n: number) =>
		runFlow(url(id), { n }).catch(async (error: Error) => {
			if (!/socket hang up|ECONNRESET/.test(error.message)) throw error;
			say(`${id}: ${error.message}; sent again`);
			return await runFlow(url(id), { n });
		});
	const ours: number[] = [];
	const set: number[] = [];
	const plain: number[] = [];
	for (const id of ['bench-expr-ours', 'bench-expr-set', 'bench-create-ours']) await run(id, 100); // warm-up
	for (let r = 0; r < EXPRESSION_ROUNDS; r++) {
		sandbox.clearRequests();
		await run('bench-expr-ours', EXPRESSION_CONTACTS);
		const details = sandbox.requests
			.filter((q) => q.path === '/service/cloud/v2/task' && q.status === 200)
			.flatMap((q) => ((q.body as IDataObject).Details as IDataObject[]) ?? []);
		if (
			details.length !== EXPRESSION_CONTACTS ||
			details[EXPRESSION_CONTACTS - 1].Borrower !== `CUSTOMER ${EXPRESSION_CONTACTS - 1}`
		)
			throw new Error(`bench-expr-ours sent ${details.length} contacts or wrong Borrower values`);
		ours.push(await nodeTimeMs('bench-expr-ours', 'Create Task'));
		await run('bench-expr-set', EXPRESSION_CONTACTS);
		set.push(await nodeTimeMs('bench-expr-set', 'Set'));
		await run('bench-create-ours', EXPRESSION_CONTACTS);
		plain.push(await nodeTimeMs('bench-create-ours', 'Create Task'));
	}
	sandbox.clearRequests();
	const oursMs = median(ours);
	const setMs = median(set);
	const plainMs = median(plain);
	const perItem = (ms: number) => round((ms * 1000) / EXPRESSION_CONTACTS, 2);
	return {
		expressionContacts: EXPRESSION_CONTACTS,
		expressionUsed: CONTACT_EXPRESSION,
		expressionRounds: EXPRESSION_ROUNDS,
		taskCreateNodeMsWithExpression: oursMs,
		setNodeMsWithExpression: setMs,
		taskCreateNodeMsWithoutExpression: plainMs,
		taskCreateMicrosPerContactWithExpression: perItem(oursMs),
		setNodeMicrosPerItemWithExpression: perItem(setMs),
		expressionMicrosPerContactOurs: perItem(oursMs - plainMs),
		expressionContactsRatioVsSetNode: round(oursMs / setMs, 2),
	};
}

/** 1,000 Task → Get (100 items × 10 executions) at each "Concurrent Reads" setting of the sweep. */
export async function concurrencySection(
	url: (id: string) => string,
	taskId: string,
	executions: number,
): Promise<IDataObject> {
	say(`Concurrent Reads sweep: ${CONCURRENCY_SWEEP.join(', ')} (1,000 Task → Get each)`);
	const figures: IDataObject = {};
	for (const concurrency of CONCURRENCY_SWEEP) {
		const id = `bench-conc-${concurrency}`;
		await runFlow(url(id), { taskId }); // warm-up (and the credential's one sign-in)
		const t0 = Date.now();
		for (let i = 0; i < executions; i++) await runFlow(url(id), { taskId });
		figures[`wallMsFor1000GetsAtConcurrency${concurrency}`] = Date.now() - t0;
	}
	return figures;
}
