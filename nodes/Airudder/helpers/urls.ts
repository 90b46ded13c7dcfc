/**
 * Link helpers for recording answers, whose fields are not documented (pure functions).
 */

/** Every distinct http(s) URL among the string values of `value`, depth-first, in order. */
export function findUrls(value: unknown, found: string[] = []): string[] {
	if (typeof value === 'string') {
		if (/^https?:\/\/\S+$/i.test(value.trim()) && !found.includes(value.trim()))
			found.push(value.trim());
	} else if (Array.isArray(value)) {
		for (const entry of value) findUrls(entry, found);
	} else if (value && typeof value === 'object') {
		for (const entry of Object.values(value)) findUrls(entry, found);
	}
	return found;
}

/** A file name for a download: from Content-Disposition, else the URL's last path segment, else `fallback`. */
export function downloadFileName(
	url: string,
	contentDisposition: string | undefined,
	fallback: string,
): string {
	const fromHeader = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(contentDisposition ?? '')?.[1];
	if (fromHeader) return decodeURIComponent(fromHeader);
	try {
		const last = new URL(url).pathname.split('/').filter(Boolean).pop();
		if (last) return decodeURIComponent(last);
	} catch {
		// not a URL: use the fallback
	}
	return fallback;
}
