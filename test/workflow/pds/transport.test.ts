import { PDS_APP_SECRET } from '../../../sandbox/pds';
import {
	PDS_PREFIX as PREFIX,
	inMinutes,
	pdsContacts,
	pdsCreateParameters,
	pdsSuite,
	startPds,
	pdsWorkflow,
} from '../../support/pds';

describe('AIRudder Predictive Dialer node: requests, sign-in and time-outs', () => {
	const { env, calls } = pdsSuite();

	test('the token is obtained form-encoded, once per credential; a wrong secret fails without showing it', async () => {
		const before = env.sandbox.requests.length;
		await env.harness.run(pdsWorkflow({ resource: 'call', operation: 'getRecords', taskId: 'x' }));
		const auths = env.sandbox.requests.slice(before).filter((r) => r.path === `${PREFIX}/auth`);
		expect(auths.length).toBeLessThanOrEqual(1);
		const wrong = await startPds({}, { appSecret: 'very-secret-value-123' });
		try {
			const result = await wrong.harness.run(
				pdsWorkflow({ resource: 'call', operation: 'getRecords', taskId: 'x' }),
			);
			expect(result.status).toBe('error');
			const auth = wrong.sandbox.requests.find((r) => r.path === `${PREFIX}/auth`)!;
			expect(auth.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
			expect(Object.fromEntries(new URLSearchParams(auth.rawBody))).toEqual({
				APPKey: 'sandbox-pds-app-key',
				APPSecret: 'very-secret-value-123',
			});
			expect(auth.status).toBe(401);
			const text = JSON.stringify([
				result.error?.message,
				result.error?.description,
				result.runData,
			]);
			expect(text).toMatch(
				/AIRudder PDS refused the APPKey\/APPSecret: 10302 Account verification failed \(HTTP 401 at \/service\/callcenter\/call\/predict\/auth\)/,
			);
			expect(text).not.toContain('very-secret-value-123');
			expect(text).not.toContain(PDS_APP_SECRET);
		} finally {
			await wrong.close();
		}
	});

	test('a redirect is not followed (the token stays home) and HTML answers are quoted', async () => {
		env.sandbox.setFault({
			path: `${PREFIX}/querytasklist`,
			status: 302,
			headers: { Location: `${env.sandbox.url}/elsewhere` },
			// enough for retries: a redirect is an answer, so the read must be sent once only
			times: 3,
		});
		const result = await env.harness.run(
			pdsWorkflow({
				resource: 'task',
				operation: 'getAll',
				minStartTime: inMinutes(-1),
				maxStartTime: inMinutes(1),
				accountTimeZone: 'Asia/Manila',
				limit: 1,
			}),
		);
		expect(result.error?.message).toMatch(
			/^Item 0: AIRudder PDS POST .*querytasklist was answered with a redirect \(HTTP 302\) to http:\/\/127\.0\.0\.1:\d+\. Redirects are not followed/,
		);
		expect(env.sandbox.requests.some((r) => r.path === '/elsewhere')).toBe(false);
		expect(calls('querytasklist')).toHaveLength(1);
		// the redirects the read did not use must not answer the HTML run
		env.sandbox.clearFaults();
		env.sandbox.setFault({
			path: `${PREFIX}/querytasklist`,
			body: '<html><body>Gateway login</body></html>',
			contentType: 'text/html',
		});
		const html = await env.harness.run(
			pdsWorkflow({
				resource: 'task',
				operation: 'getAll',
				minStartTime: inMinutes(-1),
				maxStartTime: inMinutes(1),
				accountTimeZone: 'Asia/Manila',
				limit: 1,
			}),
		);
		expect(html.error?.message).toContain(
			'with something that is not JSON (HTTP 200): <html><body>Gateway login</body></html>',
		);
	});

	test("the credential's Request Timeout applies to every attempt: a slow read is tried 3 times, a slow create once", async () => {
		const slow = await startPds({}, { timeout: 1 });
		try {
			slow.sandbox.setFault({ path: `${PREFIX}/querytasklist`, delayMs: 1500, times: 3 });
			const read = await slow.harness.run(
				pdsWorkflow({
					resource: 'task',
					operation: 'getAll',
					minStartTime: inMinutes(-1),
					maxStartTime: inMinutes(1),
					accountTimeZone: 'Asia/Manila',
					limit: 1,
				}),
			);
			expect(read.error?.message).toMatch(
				/^Item 0: AIRudder PDS POST .*querytasklist failed: no answer within 1 s \(Request Timeout\)$/,
			);
			expect(
				slow.sandbox.requests.filter((r) => r.path === `${PREFIX}/querytasklist`),
			).toHaveLength(3);
			slow.sandbox.setFault({ path: `${PREFIX}/createtask`, delayMs: 1500 });
			const create = await slow.harness.run(pdsWorkflow(pdsCreateParameters(), pdsContacts(1)));
			expect(create.status).toBe('error');
			expect(slow.sandbox.requests.filter((r) => r.path === `${PREFIX}/createtask`)).toHaveLength(
				1,
			);
		} finally {
			await slow.close();
		}
	});
});
