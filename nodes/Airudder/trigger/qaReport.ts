import type { IDataObject } from 'n8n-workflow';

/**
 * The AIRudder Trigger's output for a QA (speech analytics) report callback: one item per analysed
 * recording (`QADetail` entry). Pure functions; the input is not mutated.
 *
 * AIRudder publishes no doc page for its QA API; the payload is known from a lending company's
 * production receiver (JULO juloserver, collops_qa_automation) and its test fixture. Every value
 * arrives as a string: Channel `"1"`/`"2"` (left/right of the stereo recording; which one is the
 * agent is not documented, that receiver scores channel `"2"`), Begin/End offsets as digit strings
 * (milliseconds from the start of the recording, inferred), Score `"n/m"` (for Negative, n is
 * presumably the number of negative-word hits; for SOP, the script items met out of m; inferred).
 */

/** A parsed `"n/m"` score: `value` n and `max` m, both `null` when the text is not `n/m`. */
interface ParsedScore {
	value: number | null;
	max: number | null;
}

/**
 * Parses a QA score, `"3/10"` → `{ value: 3, max: 10 }` (spaces around the numbers allowed; n may
 * exceed m). Anything else (`""`, missing, `"3"`) → `{ value: null, max: null }`.
 */
export function parseScore(raw: unknown): ParsedScore {
	const match = typeof raw === 'string' ? /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw) : null;
	return match ? { value: Number(match[1]), max: Number(match[2]) } : { value: null, max: null };
}

/** A Begin/End offset (digit string or number) in milliseconds, or `null` when it is not one. */
export function offsetMs(raw: unknown): number | null {
	if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 0 ? raw : null;
	return typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : null;
}

/** The output key of a channel: `"1"` → `channel1`; no channel (`""`, as VoiceMail hits have) → `noChannel`. */
export function channelKey(channel: unknown): string {
	const text = channel === undefined || channel === null ? '' : String(channel).trim();
	return text ? `channel${text}` : 'noChannel';
}

const objects = (value: unknown): IDataObject[] =>
	Array.isArray(value)
		? value.filter((v): v is IDataObject => !!v && typeof v === 'object' && !Array.isArray(v))
		: [];

/** Entries with `beginMs`/`endMs` added, ordered by Begin (stable; unreadable Begin last). */
function timed(entries: IDataObject[]): IDataObject[] {
	return entries
		.map((entry) => ({ ...entry, beginMs: offsetMs(entry.Begin), endMs: offsetMs(entry.End) }))
		.map((entry, index) => ({ entry, index }))
		.sort(
			(a, b) => (a.entry.beginMs ?? Infinity) - (b.entry.beginMs ?? Infinity) || a.index - b.index,
		)
		.map(({ entry }) => entry);
}

/** `AsrResults` → `{ channel1: { text, lines }, ... }`: lines ordered by Begin, text = their sentences, one per line. */
function transcript(asrResults: unknown): IDataObject {
	const channels: Record<string, IDataObject[]> = {};
	for (const line of timed(objects(asrResults)))
		(channels[channelKey(line.Channel)] ??= []).push(line);
	const result: IDataObject = {};
	for (const key of Object.keys(channels).sort()) {
		const lines = channels[key];
		result[key] = { text: lines.map((line) => String(line.Sentence ?? '')).join('\n'), lines };
	}
	return result;
}

/** `CheckPoint` → `{ SOP: [hits], Negative: [hits], ... }`, hits ordered by Begin. */
function checkpoints(checkPoint: unknown): IDataObject {
	const byType: Record<string, IDataObject[]> = {};
	for (const point of objects(checkPoint)) {
		const type = String(point.CheckPointType ?? '') || 'Unknown';
		(byType[type] ??= []).push(...objects(point.CheckPointResultsDetail));
	}
	return Object.fromEntries(Object.entries(byType).map(([type, hits]) => [type, timed(hits)]));
}

/** `Scores` → `{ Negative: { channel1: { CheckPointType, Channel, Score, value, max } }, ... }` (first entry per pair). */
function scores(list: unknown): IDataObject {
	const result: Record<string, IDataObject> = {};
	for (const score of objects(list)) {
		const type = String(score.CheckPointType ?? '') || 'Unknown';
		const channel = channelKey(score.Channel);
		result[type] ??= {};
		if (result[type][channel] === undefined)
			result[type][channel] = { ...score, ...parseScore(score.Score) };
	}
	return result;
}

/**
 * The output items of a QA report body `{TaskID, Sign, QADetail[]}`, one per `QADetail` entry:
 *
 * - `TaskID`; `recordingId`: the entry's `Recordingid` (the reference's spelling; `RecordingID`,
 *   the upload's, if that is what arrives), `null` when absent; `recordingIndex`: its position;
 * - the entry's other fields unchanged (`Recordingid`, `Size`, `Length`, `Words`, ...), except:
 * - `AsrResults` → `transcript`: per channel (`channel1`, `channel2`) `{ text, lines }`, the lines
 *   being the AsrResults entries ordered by Begin with `beginMs`/`endMs` added, the text their
 *   sentences joined by new lines;
 * - `CheckPoint` → `checkpoints`: per CheckPointType (`SOP`, `Negative`, ...) its hits
 *   (CheckPointResultsDetail) ordered by Begin, with `beginMs`/`endMs`;
 * - `Scores` → `scores`: per CheckPointType and channel the entry as sent (raw `Score` `"n/m"`)
 *   plus `value` n and `max` m ({@link parseScore}).
 *
 * `Sign` is not copied. Entries that are not objects are skipped (verifyQaSign.ts refuses them).
 */
export function qaReportItems(body: IDataObject): IDataObject[] {
	const taskId = body.TaskID;
	return objects(body.QADetail).map((entry, recordingIndex) => {
		const { AsrResults, CheckPoint, Scores, ...rest } = entry;
		const recordingId = entry.Recordingid ?? entry.RecordingID ?? null;
		// TaskID first for reading; assigned again after `rest` so that an entry's own field cannot replace it.
		return Object.assign({ TaskID: taskId, recordingId, recordingIndex }, rest, {
			TaskID: taskId,
			recordingId,
			recordingIndex,
			transcript: transcript(AsrResults),
			checkpoints: checkpoints(CheckPoint),
			scores: scores(Scores),
		}) as IDataObject;
	});
}
