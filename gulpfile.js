// `npm run build` = `gulp clean`, `tsc -p tsconfig.build.json`, `gulp build:icons`:
// - clean: empties dist/, so no file of a deleted or renamed source is ever packed;
// - build:icons: copies the node and credential icons (SVG) and the codex files (*.node.json)
//   next to the compiled JavaScript in dist/.
const { rmSync } = require('node:fs');
const { src, dest, task } = require('gulp');

task('clean', async () => rmSync('dist', { recursive: true, force: true }));

task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist')),
);
