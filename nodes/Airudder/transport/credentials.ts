import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

type Context = IExecuteFunctions | ILoadOptionsFunctions;

/** What one node run has read of its credentials, by credential type. */
interface RunCredentials {
	data: Promise<ICredentialDataDecryptedObject>;
	options?: IAdditionalCredentialOptions;
}

/** Keyed by n8n's context object: one per node run (or loadOptions call), dropped with it. */
const perRun = new WeakMap<object, Map<string, RunCredentials>>();

function entry(this: Context, type: string): RunCredentials {
	let byType = perRun.get(this);
	if (!byType) perRun.set(this, (byType = new Map()));
	let found = byType.get(type);
	if (!found) {
		const data = this.getCredentials(type);
		found = { data };
		byType.set(type, found);
		// A failed read (no credential set) is not kept: the next item asks n8n again.
		data.catch(() => byType.delete(type));
	}
	return found;
}

/**
 * The node's credential of `type`, decrypted once per node run and shared by all its items.
 *
 * n8n's `getCredentials` loads the credential from n8n's database, decrypts it and resolves its
 * expressions on every call, and `httpRequestWithAuthentication` calls it once more per request:
 * for 1,000 reads that is 2,000 database reads and decryptions (bench/README.md, Concurrent Reads).
 * Read once here, the same object is handed to every request through {@link credentialOptions};
 * a token that n8n's `preAuthentication` fetches or refreshes is written into it (and saved by
 * n8n), so the items after it use the new token. A new run (the next execution) reads again, so an
 * edited credential is seen at once. Read at item 0, as `httpRequestWithAuthentication` reads it.
 *
 * @returns the decrypted fields (`baseUrl`, `appKey`, the hidden token...).
 * @throws what `getCredentials` throws (no credential of that type set), not cached.
 */
export async function runCredentials(
	this: Context,
	type: string,
): Promise<ICredentialDataDecryptedObject> {
	return await entry.call(this, type).data;
}

/**
 * `httpRequestWithAuthentication`'s third argument for this run: the credential read by
 * {@link runCredentials}, so that n8n does not load and decrypt it again for each request. n8n
 * still runs the credential's `preAuthentication` (when the token is empty or a request answered
 * HTTP 401) and its `authenticate` for every request, as without it.
 *
 * Usage: `this.helpers.httpRequestWithAuthentication.call(this, type, options, await credentialOptions.call(this, type))`.
 */
export async function credentialOptions(
	this: Context,
	type: string,
): Promise<IAdditionalCredentialOptions> {
	const found = entry.call(this, type);
	const data = await found.data;
	if (!found.options) {
		const { id, name } = this.getNode().credentials?.[type] ?? { id: null, name: '' };
		found.options = { credentialsDecrypted: { id: id ?? '', name, type, data } };
	}
	return found.options;
}
