import { statSync } from 'node:fs';

import { airudderWorkflow } from '../../support/airudder';
import { airudderSuite, apiCalls, createTask } from '../../support/suites';

describe('AIRudder node: Recording', () => {
	const env = airudderSuite({ recordingBytes: 5 * 1024 * 1024 });

	test('Recording → Get Call Recording returns the link and the audio as binary (streamed to disk)', async () => {
		const taskId = await createTask(env);
		const result = await env.harness.run(
			airudderWorkflow({
				resource: 'recording',
				operation: 'getCallRecording',
				taskId,
				callee: '+628120000001',
			}),
		);
		expect(result.error).toBeUndefined();
		const [item] = result.output('AIRudder');
		expect(item.json).toMatchObject({ TaskID: taskId, Callee: '+628120000001' });
		expect((item.json.urls as string[])[0]).toMatch(/\/__sandbox\/media\/.+\.wav/);
		expect(item.binary?.data).toMatchObject({
			mimeType: 'audio/wav',
			fileName: expect.stringMatching(/\.wav$/),
		});
		const audio = await env.harness.readBinary(item);
		expect(audio.length).toBe(5 * 1024 * 1024);
		expect(audio.subarray(0, 4).toString('ascii')).toBe('RIFF');
		expect(statSync((await env.harness.binaryFilePath(item)) as string).size).toBe(5 * 1024 * 1024);
		expect(apiCalls(env).map((r) => [r.path, r.query])).toContainEqual([
			'/service/cloud/case',
			{ TaskID: taskId, Callee: '+628120000001' },
		]);
	});

	test('Recording → Get Task Recordings returns the archive as binary; Download off returns links only', async () => {
		const taskId = await createTask(env);
		const withFile = await env.harness.run(
			airudderWorkflow({
				resource: 'recording',
				operation: 'getTaskRecordings',
				taskId,
				binaryPropertyName: 'archive',
			}),
		);
		const [item] = withFile.output('AIRudder');
		const zip = await env.harness.readBinary(item, 'archive');
		expect(zip.subarray(0, 2).toString('ascii')).toBe('PK');

		const linksOnly = await env.harness.run(
			airudderWorkflow({
				resource: 'recording',
				operation: 'getTaskRecordings',
				taskId,
				download: false,
			}),
		);
		const [links] = linksOnly.output('AIRudder');
		expect(links.binary).toBeUndefined();
		expect((links.json.urls as string[])[0]).toMatch(/\.zip$/);
	});
});
