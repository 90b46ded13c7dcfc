import type { IDataObject } from 'n8n-workflow';

import { server } from '../../support/hostile';
import { PDS_PREFIX as PREFIX, inMinutes, pdsSuite, pdsWorkflow } from '../../support/pds';

describe('AIRudder Predictive Dialer node: Call', () => {
	const { env, calls, createTask, allRecords } = pdsSuite();

	test('Call → Get Records pages by offset (200 a page), keeps the times and adds ISO copies; 401 mid-run signs in again once', async () => {
		const taskId = await createTask(450);
		env.sandbox.clearRequests();
		// the token expires when the second page is asked for
		let pages = 0;
		const requests = env.sandbox.requests;
		const push = requests.push.bind(requests);
		requests.push = (...records) => {
			if (records[0].path === `${PREFIX}/querytaskdetail` && ++pages === 2)
				env.sandbox.expireTokens();
			return push(...records);
		};
		try {
			const result = await env.harness.run(
				pdsWorkflow({
					resource: 'call',
					operation: 'getRecords',
					taskId,
					returnAll: true,
					options: { needCustomerInfo: true },
				}),
			);
			expect(result.error).toBeUndefined();
			const records = result.output('PDS');
			expect(records).toHaveLength(450);
			expect(new Set(records.map((r) => r.json.callid)).size).toBe(450);
			expect(records[0].json).toMatchObject({
				taskId,
				calltime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
				calltimeIso: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
				customerInfo: { phonenumber: '+628120000001', account_id: 'A0', dpd: '3' },
			});
			expect(new Date(records[0].json.calltimeIso as string).getTime()).toBe(
				Date.parse(records[0].json.calltime as string),
			);
			expect(
				env.sandbox.requests.map(
					(r) =>
						`${r.path.slice(PREFIX.length)} ${r.status} ${(r.body as IDataObject | undefined)?.offset ?? ''}`,
				),
			).toEqual([
				'/querytaskdetail 200 0',
				'/querytaskdetail 401 200',
				'/auth 200 ',
				'/querytaskdetail 200 200',
				'/querytaskdetail 200 400',
			]);
			expect(calls('querytaskdetail').every((r) => (r.body as IDataObject).limit === 200)).toBe(
				true,
			);
		} finally {
			requests.push = push;
		}
	});

	test('Call → Get Records with a Limit, a call ID and a time window', async () => {
		const taskId = await createTask(5);
		const limited = await env.harness.run(
			pdsWorkflow({ resource: 'call', operation: 'getRecords', taskId, limit: 3 }),
		);
		expect(limited.output('PDS')).toHaveLength(3);
		expect((calls('querytaskdetail')[0].body as IDataObject).limit).toBe(3);
		const callid = limited.output('PDS')[1].json.callid as string;
		env.sandbox.clearRequests();
		const one = await env.harness.run(
			pdsWorkflow({
				resource: 'call',
				operation: 'getRecords',
				taskId,
				returnAll: true,
				accountTimeZone: 'Asia/Manila',
				options: { callId: callid, minStartTime: inMinutes(-10), maxStartTime: inMinutes(10) },
			}),
		);
		expect(one.output('PDS').map((r) => r.json.callid)).toEqual([callid]);
		expect(calls('querytaskdetail')[0].body).toMatchObject({
			like: [{ field: 'callid', pattern: callid }],
			minstarttime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
			orderBy: 'calltime',
			needCustomerInfo: false,
		});
		const empty = await env.harness.run(
			pdsWorkflow({
				resource: 'call',
				operation: 'getRecords',
				taskId,
				returnAll: true,
				accountTimeZone: 'Asia/Manila',
				options: { minStartTime: inMinutes(30), maxStartTime: inMinutes(40) },
			}),
		);
		expect(empty.output('PDS')).toHaveLength(0);
		const unknown = await env.harness.run(
			pdsWorkflow({ resource: 'call', operation: 'getRecords', taskId: 'nope' }),
		);
		expect(unknown.error?.message).toBe(
			'Item 0: AIRudder PDS error 10702: TaskID is invalid — Invalid Task ID, no corresponding task found',
		);
	});

	test('Call → Get Recording returns the link and the WAV as binary; an unanswered call is refused with 10612', async () => {
		const taskId = await createTask(10);
		const records = await allRecords(taskId);
		const answered = records.find((r) => r.json.talkResult === 'Connected')!.json;
		const missed = records.find((r) => r.json.phoneNumber === '+628120000010')!.json;
		const result = await env.harness.run(
			pdsWorkflow({ resource: 'call', operation: 'getRecording' }, [answered]),
		);
		expect(result.error).toBeUndefined();
		const [item] = result.output('PDS');
		expect(item.json).toMatchObject({ callId: answered.callid, link: answered.reclink });
		expect(calls('case/recording')[0].body).toEqual({ callid: answered.callid });
		const audio = await env.harness.readBinary(item);
		expect(audio.subarray(0, 4).toString('ascii')).toBe('RIFF');
		expect(item.binary?.data.fileName).toMatch(/\.wav$/);

		const linkOnly = await env.harness.run(
			pdsWorkflow({ resource: 'call', operation: 'getRecording', download: false }, [answered]),
		);
		expect(linkOnly.output('PDS')[0].binary).toBeUndefined();

		const refused = await env.harness.run(
			pdsWorkflow({ resource: 'call', operation: 'getRecording' }, [answered, missed], {
				continueOnFail: true,
			}),
		);
		expect(refused.output('PDS').map((i) => i.json.error)).toEqual([
			undefined,
			'Item 1: AIRudder PDS error 10612: The call of the CallID is not talked — The call of the Callid is not answered by the agent',
		]);
	});

	test('Call → Get Recording follows a redirecting link by hand: the token goes to the Base URL only, not to the storage host', async () => {
		const taskId = await createTask(3);
		const records = await allRecords(taskId);
		const answered = records.find((r) => r.json.talkResult === 'Connected')!.json;
		const storage = await server((_req, res) => {
			res.writeHead(200, { 'Content-Type': 'audio/wav' });
			res.end(Buffer.from('RIFF\0\0\0\0WAVEstored'));
		});
		try {
			const linkPath = new URL(String(answered.reclink)).pathname;
			env.sandbox.setFault({
				method: 'GET',
				path: linkPath,
				status: 302,
				headers: { Location: `${storage.url}/bucket/rec.wav?sig=1` },
			});
			const result = await env.harness.run(
				pdsWorkflow({ resource: 'call', operation: 'getRecording' }, [answered]),
			);
			expect(result.error).toBeUndefined();
			const audio = await env.harness.readBinary(result.output('PDS')[0]);
			expect(audio.toString('latin1')).toBe('RIFF\0\0\0\0WAVEstored');
			const hop = env.sandbox.requests.filter((r) => r.path === linkPath);
			expect(hop).toHaveLength(1);
			expect(hop[0].headers.authorization).toMatch(/^Token \S+/);
			expect(storage.seen.map((r) => r.url)).toEqual(['/bucket/rec.wav?sig=1']);
			expect(storage.seen[0].headers.authorization).toBeUndefined();
		} finally {
			await storage.close();
		}
	});
});
