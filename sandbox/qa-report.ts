import { createHash } from 'node:crypto';

/**
 * The sandbox's QA analysis: a deterministic, synthetic report of one uploaded recording, in the
 * callback schema of the reference (`QADetail` item: Recordingid, Size, Length, Words, AsrResults,
 * CheckPoint, Scores). Everything is derived from the SHA-256 of the file's bytes (and its size /
 * WAV header), so the same file always gets the same report. ILLUSTRATIVE: the sentences, the SOP
 * item names and the way scores are counted are the sandbox's own (the reference shows one sample
 * only); the keys, their casing and the value formats (digit strings, `n/m` scores, channels '1' and
 * '2') are the reference's.
 */

/** What the sandbox kept of one uploaded recording. */
export interface QaRecording {
	RecordingID: string | number;
	RecordingName: string;
	/** Decoded size in bytes. */
	bytes: number;
	/** SHA-256 hex of the decoded bytes. */
	sha256: string;
	/** First decoded bytes (a WAV header), base64. */
	head: string;
}

/** Customer-side (channel '1') and agent-side (channel '2') sentences, Indonesian as in the sample. */
const CUSTOMER = [
	'Selamat pagi',
	'Saya belum gajian',
	'Bisa minggu depan',
	'Oke saya transfer besok',
	'Kenapa telepon terus',
];
const AGENT_SOP: Array<[string, string]> = [
	['Greeting', 'Selamat pagi, saya dari layanan penagihan'],
	['Identity Check', 'Apakah saya berbicara dengan pemilik akun'],
	['Payment Reminder', 'Tagihan Anda sudah jatuh tempo'],
	['Closing', 'Terima kasih atas waktunya'],
];
const AGENT_PLAIN = ['Baik, saya catat', 'Mohon ditunggu sebentar', 'Bisa dibayar hari ini'];
/** Sentences the sandbox counts as negative words (marked so in the text, as the sample does). */
const NEGATIVE = ['Dasar tidak tahu diri Negative', 'Jangan bohong terus Negative'];

/** Duration in seconds: from a PCM WAV header (byte rate at offset 28), else 32,000 bytes a second. */
function lengthSeconds(recording: QaRecording): number {
	const head = Buffer.from(recording.head, 'base64');
	if (head.length >= 44 && head.toString('latin1', 0, 4) === 'RIFF') {
		const byteRate = head.readUInt32LE(28);
		if (byteRate > 0) return Math.max(1, Math.round((recording.bytes - 44) / byteRate));
	}
	return Math.max(1, Math.round(recording.bytes / 32_000));
}

/** A deterministic stream of numbers from the file's digest. */
function numbers(sha256: string): () => number {
	let state = Buffer.from(sha256, 'hex');
	let at = 0;
	return () => {
		if (at >= state.length) {
			state = createHash('sha256').update(state).digest();
			at = 0;
		}
		return state[at++];
	};
}

const words = (sentence: string) => sentence.split(/\s+/).filter(Boolean).length;

/**
 * The report (`QADetail` item) of one recording: 4 to 9 sentences alternating customer ('1') and
 * agent ('2') from 1 s on, Begin/End in milliseconds within Length; SOP hits on the agent's SOP
 * sentences (CheckPointVal = the SOP item), Negative hits on negative sentences of either channel
 * (CheckPointVal 'True'); Scores per channel: Negative `<hits>/<sentences>`, SOP
 * `<SOP items met>/<4 SOP items>`.
 */
export function qaReport(recording: QaRecording): Record<string, unknown> {
	const next = numbers(recording.sha256);
	const length = lengthSeconds(recording);
	const count = 4 + (next() % 6);
	const negativeChannel2 = next() % 4; // 0..3 negative sentences of the agent
	const negativeChannel1 = next() % 2;
	const span = Math.max(1, Math.floor((length * 1000 - 1000) / count));
	const sentences: Array<{ channel: '1' | '2'; text: string; sop?: string; negative?: boolean }> =
		[];
	let agentTurn = 0;
	for (let i = 0; i < count; i++) {
		const channel = i % 2 === 0 ? '1' : '2';
		if (channel === '2') {
			if (agentTurn < negativeChannel2 && next() % 2 === 0) {
				sentences.push({ channel, text: NEGATIVE[next() % NEGATIVE.length], negative: true });
				agentTurn++;
				continue;
			}
			const sop = AGENT_SOP[next() % (AGENT_SOP.length + 1)];
			if (sop) sentences.push({ channel, text: sop[1], sop: sop[0] });
			else sentences.push({ channel, text: AGENT_PLAIN[next() % AGENT_PLAIN.length] });
		} else if (i === 2 && negativeChannel1) {
			sentences.push({ channel, text: NEGATIVE[next() % NEGATIVE.length], negative: true });
		} else sentences.push({ channel, text: CUSTOMER[next() % CUSTOMER.length] });
	}
	const timed = sentences.map((s, i) => {
		const begin = 1000 + i * span;
		return { ...s, Begin: String(begin), End: String(begin + Math.max(1, span - 200)) };
	});
	const hit = (s: (typeof timed)[number], value: string) => ({
		CheckPointVal: value,
		Channel: s.channel,
		Begin: s.Begin,
		End: s.End,
		Sentence: s.text,
	});
	const onChannel = (channel: string) => timed.filter((s) => s.channel === channel);
	const sopMet = (channel: string) =>
		new Set(onChannel(channel).flatMap((s) => (s.sop ? [s.sop] : []))).size;
	const negatives = (channel: string) => onChannel(channel).filter((s) => s.negative).length;
	return {
		Recordingid: String(recording.RecordingID),
		Size: (recording.bytes / 1_000_000).toFixed(1),
		Length: String(length),
		Words: String(timed.reduce((sum, s) => sum + words(s.text), 0)),
		AsrResults: timed.map((s) => ({
			Channel: s.channel,
			Begin: s.Begin,
			End: s.End,
			Sentence: s.text,
			Words: String(words(s.text)),
		})),
		CheckPoint: [
			{
				CheckPointType: 'SOP',
				CheckPointResultsDetail: timed.filter((s) => s.sop).map((s) => hit(s, s.sop as string)),
			},
			{
				CheckPointType: 'Negative',
				CheckPointResultsDetail: timed.filter((s) => s.negative).map((s) => hit(s, 'True')),
			},
		],
		Scores: (['1', '2'] as const).flatMap((channel) => [
			{
				CheckPointType: 'Negative',
				Channel: channel,
				Score: `${negatives(channel)}/${Math.max(1, onChannel(channel).length)}`,
			},
			{ CheckPointType: 'SOP', Channel: channel, Score: `${sopMet(channel)}/${AGENT_SOP.length}` },
		]),
	};
}

/** `Sign` of a report: lower-case hex MD5 of UTF-8 (TaskID + key), as the reference's receiver checks it. */
export function qaSign(taskId: string, key: string): string {
	return createHash('md5').update(`${taskId}${key}`, 'utf8').digest('hex');
}
