import { PDS_APP_KEY, PDS_APP_SECRET } from './pds';
import { QA_APP_KEY, QA_APP_SECRET, QA_PREFIX } from './qa';
import { startSandbox } from './server';
import type { SandboxOptions } from './types';

/**
 * `npm run sandbox -- [--port 8787] [--app-key sandbox-app-key] [--app-secret sandbox-app-secret]
 *   [--aes-key K] [--token-ttl 86400] [--callback-url URL] [--account-utc-offset +08:00]
 *   [--recording-bytes 32044] [--pds-call-ms 0] [--qa-callback-url URL] [--qa-sign-key airudder]
 *   [--quiet]`
 * Starts the AIRudder sandbox on 127.0.0.1, prints its URL and credentials, stops on SIGINT/SIGTERM.
 */

const USAGE =
	'Usage: npm run sandbox -- [--port 8787] [--app-key K] [--app-secret S] [--aes-key K] [--token-ttl 86400]\n' +
	'                          [--callback-url URL] [--account-utc-offset +08:00] [--recording-bytes N]\n' +
	'                          [--pds-call-ms 0] [--qa-callback-url URL] [--qa-sign-key airudder] [--quiet]';

function parseArgs(argv: string[]): SandboxOptions {
	const opts: SandboxOptions = { port: 8787, log: (line) => console.log(`[sandbox] ${line}`) };
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		if (flag === '--help' || flag === '-h') {
			console.log(USAGE);
			process.exit(0);
		}
		if (flag === '--quiet') {
			opts.log = undefined;
			continue;
		}
		const value = argv[++i];
		if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
		const number = () => {
			const n = Number(value);
			if (!Number.isFinite(n)) throw new Error(`${flag} needs a number (got ${value})`);
			return n;
		};
		switch (flag) {
			case '--port':
				opts.port = number();
				break;
			case '--app-key':
				opts.appKey = value;
				break;
			case '--app-secret':
				opts.appSecret = value;
				break;
			case '--aes-key':
				opts.aesKey = value;
				break;
			case '--token-ttl':
				opts.tokenTtlSeconds = number();
				break;
			case '--callback-url':
				opts.callbackUrl = value;
				break;
			case '--account-utc-offset':
				opts.accountUtcOffset = value;
				break;
			case '--recording-bytes':
				opts.recordingBytes = number();
				break;
			case '--pds-call-ms':
				opts.pdsCallMs = number();
				break;
			case '--qa-callback-url':
				opts.qaCallbackUrl = value;
				break;
			case '--qa-sign-key':
				opts.qaSignKey = value;
				break;
			default:
				throw new Error(`Unknown option ${flag}\n${USAGE}`);
		}
	}
	return opts;
}

async function main(): Promise<void> {
	const opts = parseArgs(process.argv.slice(2));
	const sandbox = await startSandbox(opts);
	console.log(`AIRudder sandbox listening on ${sandbox.url}`);
	console.log(`  APPKey:    ${opts.appKey ?? 'sandbox-app-key'}`);
	console.log(`  APPSecret: ${opts.appSecret ?? 'sandbox-app-secret'}`);
	console.log(
		`  PDS:       APPKey ${PDS_APP_KEY}, APPSecret ${PDS_APP_SECRET} (Predictive Dialer)`,
	);
	console.log(`  AES:       ${opts.aesKey === undefined ? 'off' : `on (key ${opts.aesKey})`}`);
	console.log(
		`  QA:        Base URL ${sandbox.url}${QA_PREFIX}, APPKey ${QA_APP_KEY}, APPSecret ${QA_APP_SECRET}; reports to ${opts.qaCallbackUrl ?? 'nowhere'} (Sign key ${opts.qaSignKey ?? 'airudder'})`,
	);
	console.log(`  Callbacks: ${opts.callbackUrl ?? 'off'}`);
	console.log(`  Admin:     ${sandbox.url}/__sandbox/state (see sandbox/README.md)`);
	const stop = (signal: string) => {
		console.log(`${signal}: stopping the sandbox`);
		void sandbox.close().then(() => process.exit(0));
	};
	process.once('SIGINT', () => stop('SIGINT'));
	process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
