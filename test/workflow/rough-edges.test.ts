/**
 * Issue 10's smaller rough edges: the credential against an unreachable Base URL, a wrong AES key,
 * the recording link shown once, and the trigger's Drop Duplicates option text.
 */
import type { IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { AirudderApi } from '../../credentials/AirudderApi.credentials';
import { AirudderTrigger } from '../../nodes/Airudder/AirudderTrigger.node';
import {
	airudderWorkflow,
	contacts,
	startAirudder,
	taskCreateParameters,
} from '../support/airudder';

const KEY = 'airudderredduria';

describe('rough edges', () => {
	test('the credential names the Base URL it could not reach and what to check', async () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
			code: 'ECONNREFUSED',
		});
		const helper = {
			helpers: { httpRequest: async () => await Promise.reject(refused) },
		} as unknown as IHttpRequestHelper;
		await expect(
			new AirudderApi().preAuthentication.call(helper, {
				baseUrl: 'http://127.0.0.1:9/',
				appKey: 'k',
				appSecret: 'the-secret-42',
			}),
		).rejects.toThrow(
			/^AIRudder's sign-in at \/service\/cloud\/auth failed: http:\/\/127\.0\.0\.1:9 refused the connection \(check the Base URL/,
		);
	});

	test('a wrong AES key: the error says to check the key; an answer that cannot be decrypted says so', async () => {
		const wrong = await startAirudder(
			{ aesKey: KEY },
			{ encrypt: true, aesSecretKey: 'wrongwrongwrong!' },
		);
		try {
			const refused = await wrong.harness.run(
				airudderWorkflow({ resource: 'robot', operation: 'getAll', returnAll: true }),
			);
			expect(refused.error).toBeInstanceOf(NodeApiError);
			expect(refused.error?.description).toMatch(/Check that the credential's AES Secret Key/);

			wrong.sandbox.setFault({
				path: '/service/cloud/robot',
				headers: { 'Is-Encrypted': '1' },
				body: 'bm90IGNpcGhlcnRleHQ=',
				contentType: 'text/plain',
			});
			const garbled = await wrong.harness.run(
				airudderWorkflow({ resource: 'robot', operation: 'getAll', returnAll: true }),
			);
			expect(garbled.error?.message).toBe(
				"AIRudder's answer to GET /service/cloud/robot could not be decrypted with the credential's AES Secret Key",
			);
		} finally {
			await wrong.close();
		}
	});

	test('a call recording shows its link as AIRudder sent it and once in urls, not a third time', async () => {
		const env = await startAirudder();
		try {
			const created = await env.harness.run(airudderWorkflow(taskCreateParameters(), contacts(1)));
			const taskId = created.output('AIRudder')[0].json.TaskID as string;
			for (const download of [true, false]) {
				const result = await env.harness.run(
					airudderWorkflow({
						resource: 'recording',
						operation: 'getCallRecording',
						taskId,
						callee: '+628120000000',
						download,
					}),
				);
				const json = result.output('AIRudder')[0].json as IDataObject;
				const [url] = json.urls as string[];
				expect(url).toMatch(/\/__sandbox\/media\/.+\.wav/);
				expect(json).not.toHaveProperty('url');
				expect(JSON.stringify(json).split(url).length - 1).toBe(2);
			}
		} finally {
			await env.close();
		}
	});

	test("the trigger's Drop Duplicates option says it is off until added", () => {
		const options = new AirudderTrigger().description.properties.flatMap<IDataObject>(
			(p) => (p.options ?? []) as unknown as IDataObject[],
		);
		const dedupe = options.find((o) => o.name === 'dedupeWindow');
		expect(String(dedupe?.description)).toMatch(/^Off until you add this option/);
	});
});
