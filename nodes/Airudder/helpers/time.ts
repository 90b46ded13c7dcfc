/**
 * Time helpers for AIRudder's schedule strings: `YYYY-MM-DD hh:mm:ss` in the ACCOUNT's time zone
 * (the docs name Philippines +08:00, Indonesia +07:00, India +05:30, Mexico −06:00 winter /
 * −05:00 summer). Doc: https://api-docs-v2.airudder.com/apidoc/docs-site/1780479/api-53996773
 * Only `Intl` is used (community nodes may not import luxon).
 */

import type { IDataObject } from 'n8n-workflow';

const ISO_WITH_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/** Offset of `timeZone` from UTC at `date`, in minutes (e.g. Asia/Manila → 480). */
function zoneOffsetMinutes(date: Date, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(date);
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second'),
	);
	return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

/**
 * Parses an n8n dateTime value into an instant. A value with `Z` or an offset is absolute; a
 * zone-less value (what the n8n date picker stores) is read as wall time in `defaultZone`
 * (the workflow's time zone, an IANA name). Returns `undefined` when the text is not a date.
 */
export function parseDateTime(value: string, defaultZone: string): Date | undefined {
	const text = value.trim();
	if (ISO_WITH_ZONE.test(text)) {
		const date = new Date(text);
		return Number.isNaN(date.getTime()) ? undefined : date;
	}
	const m = LOCAL_DATE_TIME.exec(text);
	if (!m) return undefined;
	const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
	// Two passes settle the offset also next to a daylight-saving change.
	let instant = wall - zoneOffsetMinutes(new Date(wall), defaultZone) * 60000;
	instant = wall - zoneOffsetMinutes(new Date(instant), defaultZone) * 60000;
	return new Date(instant);
}

/** Formats an instant as AIRudder's `YYYY-MM-DD hh:mm:ss` wall time in `timeZone` (IANA name). */
export function formatAirudderTime(date: Date, timeZone: string): string {
	const local = new Date(date.getTime() + zoneOffsetMinutes(date, timeZone) * 60000);
	return local.toISOString().slice(0, 19).replace('T', ' ');
}

/** Parses AIRudder's `YYYY-MM-DD hh:mm:ss` (wall time in `timeZone`) back into an instant. */
export function parseAirudderTime(value: string, timeZone: string): Date | undefined {
	return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)
		? parseDateTime(value, timeZone)
		: undefined;
}

/**
 * Formats an instant as `YYYY-MM-DD hh:mm:ss+hh:mm` in `timeZone`: the form a public client sends
 * for workflow `end_time` (the docs' own format was not readable).
 */
export function formatWithOffset(date: Date, timeZone: string): string {
	const offset = zoneOffsetMinutes(date, timeZone);
	const sign = offset < 0 ? '-' : '+';
	const abs = Math.abs(offset);
	const hh = String(Math.floor(abs / 60)).padStart(2, '0');
	const mm = String(abs % 60).padStart(2, '0');
	return `${formatAirudderTime(date, timeZone)}${sign}${hh}:${mm}`;
}

/**
 * A copy of `record` with `<field>Iso` (UTC ISO 8601) next to each of `fields` whose value is a
 * parseable time: ISO text, or epoch milliseconds (callbacks' `timestamp`, number or digits).
 * Empty or unparseable values get no copy; the original values are never changed.
 */
export function withIsoTimes(record: IDataObject, fields: readonly string[]): IDataObject {
	const result: IDataObject = { ...record };
	for (const field of fields) {
		const value = record[field];
		let date: Date | undefined;
		if (typeof value === 'number' || (typeof value === 'string' && /^\d{10,}$/.test(value)))
			date = new Date(Number(value));
		else if (typeof value === 'string' && value.trim()) date = new Date(value.trim());
		if (date && !Number.isNaN(date.getTime())) result[`${field}Iso`] = date.toISOString();
	}
	return result;
}
