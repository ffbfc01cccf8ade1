// site_files.mjs — what the site is made of, in one table shared by the dev server
// (scripts/serve.mjs) and the static build (scripts/build_site.mjs): the pages in web/,
// the library at lib/simdtrain/, and third-party front-end modules from npm at vendor/.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// npm packages the pages import (through the import map in each page), with the folder
// of each that holds its ES module build.
export const VENDOR = ['uplot', 'd3-array', 'd3-color', 'd3-contour', 'd3-format', 'd3-interpolate', 'd3-scale',
  'd3-scale-chromatic', 'd3-time', 'd3-time-format'];

/** [url prefix, folder] pairs, most specific first. */
export const MOUNTS = [
  ['/lib/simdtrain/', join(root, 'src', 'js')],
  ...VENDOR.map((name) => [`/vendor/${name}/`, join(root, 'node_modules', name, 'dist')]),
  ['/', join(root, 'web')],
];
