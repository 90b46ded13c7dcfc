import type { IDataObject } from 'n8n-workflow';

/**
 * Contact (callee) mapping for `Details` of task creation and workflow contact lists.
 * Pure functions: no n8n context, no I/O.
 */

/**
 * A key that is safe to assign on a plain object: only `__proto__` is not (it would set the
 * prototype instead of a field). n8n-workflow's `setSafeObjectProperty` is not used: its list
 * also refuses `callee`, an AIRudder field name.
 */
const assignable = (key: string) => key !== '__proto__';

/**
 * Drops undefined, null and '' values; trims strings. Numbers and booleans are kept. A `__proto__`
 * key is dropped too (see `assignable`).
 */
export function compact(fields: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value === undefined || value === null) continue;
		const cleaned = typeof value === 'string' ? value.trim() : value;
		if (cleaned === '') continue;
		if (assignable(key)) result[key] = cleaned;
	}
	return result;
}

/**
 * Name/value pairs from a fixedCollection (`{ field: [{ name, value }] }`) as an object (a
 * `__proto__` name is skipped).
 */
export function pairsToObject(
	pairs: Array<{ name?: string; value?: unknown }> | undefined,
): IDataObject {
	const result: IDataObject = {};
	for (const { name, value } of pairs ?? []) {
		if (name && assignable(name)) result[name] = value as IDataObject[string];
	}
	return result;
}

/**
 * The one normalisation applied to every mobile number the nodes send (contacts, Cancel Call, SMS):
 * the visual separators people type — spaces, hyphens, dots and parentheses — are removed, e.g.
 * `+62 (812) 345-678.9` → `+628123456789`. Nothing else is changed: a missing '+' or a letter is
 * left for the check (the Task → Create contact rules) to report. `undefined` stays `undefined`.
 */
export function normaliseMobile<T extends string | undefined>(mobile: T): T {
	return (mobile === undefined ? mobile : mobile.replace(/[\s\-.()]/g, '')) as T;
}

/** Splits a list into chunks of at most `size` elements (size ≥ 1). */
export function chunk<T>(list: T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let i = 0; i < list.length; i += size) chunks.push(list.slice(i, i + size));
	return chunks;
}

/** A `detail_error_list` entry: `field` is e.g. `Details[1]`, `msg` the reason, `comments` echoed. */
export interface DetailError {
	field?: string;
	msg?: string;
	comments?: string;
	[key: string]: unknown;
}

/**
 * Assigns each `detail_error_list` entry to the contact it names. `Details[n]` is read as the
 * 0-based index into the request's Details array (the docs do not state the base; JSON array
 * indices are 0-based). Entries that name no contact of the request are returned in `unmatched`
 * so that they are still shown, never dropped.
 */
export function assignDetailErrors(
	errors: DetailError[] | undefined,
	contactCount: number,
): { byIndex: Map<number, DetailError[]>; unmatched: DetailError[] } {
	const byIndex = new Map<number, DetailError[]>();
	const unmatched: DetailError[] = [];
	for (const error of errors ?? []) {
		const match = /Details\[(\d+)\]/.exec(String(error.field ?? ''));
		const index = match ? Number(match[1]) : -1;
		if (index >= 0 && index < contactCount)
			byIndex.set(index, [...(byIndex.get(index) ?? []), error]);
		else unmatched.push(error);
	}
	return { byIndex, unmatched };
}

/**
 * Finds the list in an answer whose shape is not documented: `data` itself when it is an array,
 * else the first array-valued property of `data` (e.g. `list`, `robots`). Empty when none.
 */
export function findList(data: unknown): IDataObject[] {
	if (Array.isArray(data)) return data as IDataObject[];
	if (data && typeof data === 'object') {
		for (const value of Object.values(data))
			if (Array.isArray(value)) return value as IDataObject[];
	}
	return [];
}
