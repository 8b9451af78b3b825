// Copies the pinned front-end packages into brobygger/static/vendor (a build output, not in git).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

const out = "brobygger/static/vendor";
mkdirSync(`${out}/inter/files`, { recursive: true });
const files = {
  "node_modules/@digdir/designsystemet-css/dist/src/index.css": "designsystemet.css",
  "node_modules/@digdir/designsystemet-theme/brand/digdir.css": "designsystemet-theme.css",
  "node_modules/htmx.org/dist/htmx.min.js": "htmx.min.js",
  "node_modules/chart.js/dist/chart.umd.min.js": "chart.umd.min.js",
};
// Inter, the typeface Designsystemet's theme names, in the weights the components use.
for (const weight of ["400", "500", "600", "700"]) {
  files[`node_modules/@fontsource/inter/latin-${weight}.css`] = `inter/latin-${weight}.css`;
  for (const ext of ["woff2", "woff"]) {
    const name = `inter-latin-${weight}-normal.${ext}`;
    files[`node_modules/@fontsource/inter/files/${name}`] = `inter/files/${name}`;
  }
}
// Source maps are not shipped, so the comment naming one goes: collectstatic's manifest storage
// refuses a reference to a file that does not exist (production served 500 on every page), and
// browsers' developer tools would ask for it.
const sourceMapComment = /^[ \t]*(\/\/[#@] sourceMappingURL=\S*|\/\*[#@] sourceMappingURL=[^*]*\*\/)[ \t]*$/gm;
for (const [src, dest] of Object.entries(files)) {
  if (/\.(css|js)$/.test(src)) {
    writeFileSync(`${out}/${dest}`, readFileSync(src, "utf8").replace(sourceMapComment, ""));
  } else {
    copyFileSync(src, `${out}/${dest}`);
  }
}
console.log(`Copied ${Object.keys(files).length} files to ${out}`);
