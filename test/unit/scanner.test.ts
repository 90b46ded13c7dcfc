/**
 * n8n's own community-package scanner (@n8n/scan-community-package: the analyzer n8n runs before
 * it lists or verifies a package, which ignores `eslint-disable` comments) passes on the source and
 * on the packed tarball with no error and no warning. Runs `scripts/scan.mjs --json` (the same
 * check as `npm run scan`); builds dist/ first when it is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

interface Finding {
	file: string;
	line: number;
	severity: string;
	rule: string | null;
	message: string;
}
type ScanResult = Record<'source' | 'tarball', { files: number; messages: Finding[] }>;

describe("n8n's community-package scanner", () => {
	let result: ScanResult;

	beforeAll(() => {
		if (!existsSync(path.join(ROOT, 'dist/index.js'))) {
			execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
		}
		let output: string;
		try {
			output = execFileSync('node', ['scripts/scan.mjs', '--json'], {
				cwd: ROOT,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'pipe'],
			});
		} catch (error) {
			// exit 1 = findings; the JSON is still on stdout
			output = (error as { stdout?: string }).stdout ?? '';
			if (!output.trim()) throw error;
		}
		result = JSON.parse(output.trim().split('\n').pop()!) as ScanResult;
	}, 180_000);

	it.each(['source', 'tarball'] as const)('finds nothing in the %s', (input) => {
		expect(result[input].files).toBeGreaterThan(10);
		expect(result[input].messages).toEqual([]);
	});
});
