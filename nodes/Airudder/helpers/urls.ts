/**
 * Link helpers for recording answers, whose fields are not documented (pure functions).
 */

/**
 * Names of the fields a recording link is taken from: `url`, `link` and names ending in them
 * (`recording_url`, `RecordingUrl`, `recording_link`, `urls`, ...), any letter case. The answers
 * of the recording endpoints are not documented beyond a link (the sandbox and the third-party
 * clients the reference cites give `url` / `link` / `recording_link`); other fields, such as a
 * contact's echoed Comments, are never downloaded even when they hold a URL.
 */
const LINK_FIELD = /(?:url|link)s?$/i;

/** The longest link considered (longer strings are not links AIRudder gives). */
const MAX_LINK_LENGTH = 4096;

/**
 * Every distinct http(s) URL held by a link field (see LINK_FIELD) of `value`, depth-first, in
 * order: a string field, or the strings of an array field. One pass, O(size of `value`).
 */
export function findUrls(value: unknown): string[] {
	const found = new Set<string>();
	const addLink = (candidate: unknown) => {
		if (typeof candidate !== 'string' || candidate.length > MAX_LINK_LENGTH) return;
		const link = candidate.trim();
		if (/^https?:\/\/\S+$/i.test(link)) found.add(link);
	};
	const stack: unknown[] = [value];
	while (stack.length) {
		const current = stack.pop();
		if (!current || typeof current !== 'object') continue;
		if (isLinkMarker(current)) {
			addLink(current.link);
			continue;
		}
		const entries: Array<[string | undefined, unknown]> = Array.isArray(current)
			? current.map((entry) => [undefined, entry])
			: Object.entries(current);
		// pushed in reverse so that the walk stays depth-first in document order
		for (let i = entries.length - 1; i >= 0; i--) {
			const [key, entry] = entries[i];
			if (key !== undefined && LINK_FIELD.test(key)) {
				if (Array.isArray(entry)) entry.forEach(addLinkLater(stack));
				else stack.push(linkMarker(entry));
			} else if (entry && typeof entry === 'object') stack.push(entry);
		}
	}
	return [...found];
}

/** A string found in a link field, pushed on the walk's stack to keep document order. */
interface LinkMarker {
	readonly [MARK]: true;
	link: unknown;
}
const MARK = Symbol('link');
const linkMarker = (link: unknown): LinkMarker => ({ [MARK]: true, link });
const isLinkMarker = (value: object): value is LinkMarker => MARK in value;
const addLinkLater = (stack: unknown[]) => (link: unknown) => stack.push(linkMarker(link));

/** Longest file name kept (longer names are cut). */
const MAX_FILE_NAME = 200;

/** `%`-decoding that keeps the text as it is when it is malformed (e.g. `100%.wav`). */
function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/**
 * A file name safe to store: its last path segment (no `/` or `\`), without control characters,
 * never `.` or `..`, at most 200 characters; `undefined` when nothing is left.
 */
export function safeFileName(name: string): string | undefined {
	const last = name.split(/[\\/]/).pop() ?? '';
	// eslint-disable-next-line no-control-regex
	const clean = last.replace(/[\u0000-\u001f\u007f]/g, '').trim();
	if (!clean || /^\.+$/.test(clean)) return undefined;
	return clean.slice(0, MAX_FILE_NAME);
}

/**
 * A file name for a download: from Content-Disposition, else the URL's last path segment, else
 * `fallback`; `%`-decoded when well-formed and made safe with {@link safeFileName} (a name like
 * `../../x.wav` becomes `x.wav`). Never throws.
 */
export function downloadFileName(
	url: string,
	contentDisposition: string | undefined,
	fallback: string,
): string {
	const fromHeader = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(contentDisposition ?? '')?.[1];
	const fromHeaderName = fromHeader ? safeFileName(safeDecode(fromHeader)) : undefined;
	if (fromHeaderName) return fromHeaderName;
	try {
		const last = new URL(url).pathname.split('/').filter(Boolean).pop();
		const name = last ? safeFileName(safeDecode(last)) : undefined;
		if (name) return name;
	} catch {
		// not a URL: use the fallback
	}
	return fallback;
}
