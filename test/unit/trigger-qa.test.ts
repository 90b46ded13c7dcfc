import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { QA_REPORT_EVENT } from '../../nodes/Airudder/trigger/events';
import {
	channelKey,
	offsetMs,
	parseScore,
	qaReportItems,
} from '../../nodes/Airudder/trigger/qaReport';
import {
	callbackItems,
	recogniseEvents,
	routeCallback,
} from '../../nodes/Airudder/trigger/recognition';
import {
	DEFAULT_QA_SIGN_KEY,
	QA_REPORT_ANSWER,
	isQaReport,
	qaSign,
	readQaSignKey,
	verifyQaSign,
} from '../../nodes/Airudder/trigger/verifyQaSign';
import { exampleOf, VOICE_EVENTS } from '../../sandbox/callback-examples';

/** The reference's callback example (the production client's test fixture), fresh. */
const fixture = () => exampleOf(QA_REPORT_EVENT)!;
const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

describe('QA report callback: recognition', () => {
	it('recognises the reference example by {TaskID, Sign, QADetail} as its own event', () => {
		expect(recogniseEvents(fixture(), VOICE_EVENTS)).toEqual([QA_REPORT_EVENT]);
		expect(
			routeCallback(fixture(), VOICE_EVENTS, {
				events: ['*'],
				includeUnknown: false,
				wabaStatuses: [],
				workflowIds: [],
			}),
		).toEqual({ start: true, event: QA_REPORT_EVENT });
		const { QADetail: _q, ...noDetail } = fixture();
		expect(recogniseEvents(noDetail, VOICE_EVENTS)).toEqual([]);
		// A voice task callback carrying TaskID is not a QA report.
		expect(isQaReport({ TaskID: 'c3b6', Status: 'finished' })).toBe(false);
		expect(isQaReport({ TaskID: 'c3b6', QADetail: [] })).toBe(true);
	});
});

describe('QA report callback: Sign', () => {
	it('is md5 hex of TaskID + key, as the reference computes it', () => {
		expect(qaSign('task_123', 'airudder')).toBe('179e25e1269ee7b2884d474d3af4e141');
		expect(qaSign('täsk', 'k')).toBe(md5('täskk'));
		expect(fixture().Sign).toBe(qaSign('task_123', DEFAULT_QA_SIGN_KEY));
	});

	it('accepts the right Sign and refuses a missing, wrong, upper-case or other-key one', () => {
		expect(verifyQaSign(fixture(), 'airudder')).toEqual({ ok: true });
		const bad = {
			ok: false,
			reason: 'QA report Sign does not match TaskID and the QA Sign Key',
			message: 'Invalid authentication credentials',
		};
		expect(verifyQaSign(fixture(), 'another-key')).toEqual(bad);
		expect(verifyQaSign({ ...fixture(), Sign: md5('task_124airudder') }, 'airudder')).toEqual(bad);
		// The reference's receiver compares exactly: an upper-case digest is not its Sign.
		expect(
			verifyQaSign({ ...fixture(), Sign: String(fixture().Sign).toUpperCase() }, 'airudder'),
		).toEqual(bad);
		expect(verifyQaSign({ ...fixture(), Sign: 7 }, 'airudder')).toEqual(bad);
		const { Sign: _s, ...unsigned } = fixture();
		expect(verifyQaSign(unsigned, 'airudder')).toEqual({
			ok: false,
			reason: 'QA report Sign missing',
			message: 'Invalid authentication credentials',
		});
		expect(verifyQaSign({ ...fixture(), Sign: '' }, 'airudder')).toMatchObject({
			reason: 'QA report Sign missing',
		});
	});

	it('refuses a body whose TaskID or QADetail has the wrong type', () => {
		expect(verifyQaSign({ ...fixture(), TaskID: 123 }, 'airudder')).toMatchObject({
			ok: false,
			reason: 'QA report TaskID missing or not a string',
		});
		const signed = (over: IDataObject) => ({ ...fixture(), ...over });
		expect(verifyQaSign(signed({ QADetail: { a: 1 } }), 'airudder')).toMatchObject({
			reason: 'QA report QADetail is not a list',
			message: 'QADetail is not a list',
		});
		expect(verifyQaSign(signed({ QADetail: [{}, 'x'] }), 'airudder')).toMatchObject({
			reason: 'QA report QADetail[1] is not an object',
		});
		expect(verifyQaSign(signed({ QADetail: [] }), 'airudder')).toEqual({ ok: true });
	});

	it('reads the QA Sign Key from the credential: default airudder, an empty one is an error', () => {
		expect(readQaSignKey({})).toBe('airudder');
		expect(readQaSignKey({ qaSignKey: 'k-2' })).toBe('k-2');
		expect(() => readQaSignKey({ qaSignKey: '' })).toThrow(
			'AIRudder Callback credential: QA Sign Key is empty',
		);
	});

	it("answers like the reference's receiver", () => {
		expect(QA_REPORT_ANSWER).toEqual({
			success: true,
			data: { message: 'Success Store Recording Report' },
			errors: [],
		});
	});
});

describe('QA report callback: output items', () => {
	it('parses n/m scores, keeping anything else as null', () => {
		expect(parseScore('3/10')).toEqual({ value: 3, max: 10 });
		expect(parseScore(' 15 / 10 ')).toEqual({ value: 15, max: 10 });
		expect(parseScore('0/4')).toEqual({ value: 0, max: 4 });
		for (const raw of ['', '3', 'a/b', '1/2/3', '-1/4', undefined, 3])
			expect(parseScore(raw)).toEqual({ value: null, max: null });
	});

	it('reads offsets as milliseconds and channels as keys', () => {
		expect([offsetMs('23000'), offsetMs(''), offsetMs('1.5'), offsetMs(40)]).toEqual([
			23000,
			null,
			null,
			40,
		]);
		expect([channelKey('1'), channelKey('2'), channelKey(''), channelKey(undefined)]).toEqual([
			'channel1',
			'channel2',
			'noChannel',
			'noChannel',
		]);
	});

	it('turns the reference example into one item: transcript per channel by Begin, checkpoints, scores', () => {
		const body = fixture();
		const before = structuredClone(body);
		const [item, ...more] = qaReportItems(body);
		expect(more).toEqual([]);
		expect(body).toEqual(before); // not mutated
		expect(item).toEqual({
			TaskID: 'task_123',
			recordingId: '12336',
			recordingIndex: 0,
			Recordingid: '12336',
			Size: '3.3',
			Length: '83',
			Words: '128',
			transcript: {
				channel1: {
					text: 'Selamat pagi\nSelamat siang',
					lines: [
						{
							Channel: '1',
							Begin: '1000',
							End: '20300',
							Sentence: 'Selamat pagi',
							Words: '2',
							beginMs: 1000,
							endMs: 20300,
						},
						{
							Channel: '1',
							Begin: '30020',
							End: '40300',
							Sentence: 'Selamat siang',
							Words: '2',
							beginMs: 30020,
							endMs: 40300,
						},
					],
				},
				channel2: {
					text: 'Selamat malam Negative',
					lines: [
						{
							Channel: '2',
							Begin: '23000',
							End: '30000',
							Sentence: 'Selamat malam Negative',
							Words: '3',
							beginMs: 23000,
							endMs: 30000,
						},
					],
				},
			},
			checkpoints: {
				SOP: [
					expect.objectContaining({ CheckPointVal: 'Greeting', beginMs: 1000 }),
					expect.objectContaining({ CheckPointVal: 'Greeting', beginMs: 30020 }),
				],
				Negative: [
					{
						CheckPointVal: 'True',
						Channel: '2',
						Begin: '23000',
						End: '30000',
						Sentence: 'Selamat malam Negative',
						beginMs: 23000,
						endMs: 30000,
					},
				],
				Repeat: [expect.objectContaining({ CheckPointVal: '2', Channel: '2' })],
				VoiceMail: [
					{
						CheckPointVal: 'True',
						Channel: '',
						Begin: '',
						End: '',
						Sentence: '',
						beginMs: null,
						endMs: null,
					},
				],
			},
			scores: {
				Negative: {
					channel1: { CheckPointType: 'Negative', Channel: '1', Score: '1/4', value: 1, max: 4 },
					channel2: { CheckPointType: 'Negative', Channel: '2', Score: '0/4', value: 0, max: 4 },
				},
				SOP: {
					channel1: { CheckPointType: 'SOP', Channel: '1', Score: '0/2', value: 0, max: 2 },
					channel2: { CheckPointType: 'SOP', Channel: '2', Score: '1/1', value: 1, max: 1 },
				},
			},
		});
		expect(item).not.toHaveProperty('Sign');
	});

	it('orders lines by Begin as numbers (not as text), one item per recording, TaskID and id on each', () => {
		const body = fixture();
		const [entry] = body.QADetail as IDataObject[];
		const second: IDataObject = {
			Recordingid: '12337',
			TaskID: 'not-this-one',
			AsrResults: [
				{ Channel: '2', Begin: '9000', Sentence: 'third' },
				{ Channel: '2', Begin: '', Sentence: 'no time' },
				{ Channel: '2', Begin: '10000', Sentence: 'fourth' },
				{ Channel: '2', Begin: '800', Sentence: 'first' },
				{ Channel: '2', Begin: '800', Sentence: 'second (same Begin, kept in order)' },
			],
			Scores: [{ CheckPointType: 'Negative', Channel: '2', Score: '' }],
		};
		const items = qaReportItems({ ...body, QADetail: [entry, second, { RecordingID: 9 }] });
		expect(items.map((i) => [i.TaskID, i.recordingId, i.recordingIndex])).toEqual([
			['task_123', '12336', 0],
			['task_123', '12337', 1],
			['task_123', 9, 2],
		]);
		expect((items[1].transcript as IDataObject).channel2).toMatchObject({
			text: 'first\nsecond (same Begin, kept in order)\nthird\nfourth\nno time',
		});
		expect(items[1].scores).toEqual({
			Negative: {
				channel2: { CheckPointType: 'Negative', Channel: '2', Score: '', value: null, max: null },
			},
		});
		expect(items[2]).toMatchObject({ transcript: {}, checkpoints: {}, scores: {} });
		expect(qaReportItems({ ...body, QADetail: [] })).toEqual([]);
	});

	it('is what the trigger outputs for the QA event; other events stay one item', () => {
		expect(callbackItems(fixture(), QA_REPORT_EVENT)).toEqual(qaReportItems(fixture()));
		expect(callbackItems({ a: 1 }, 'unknown')).toEqual([{ a: 1 }]);
	});
});
