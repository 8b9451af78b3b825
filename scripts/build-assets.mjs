// Copies the pinned front-end packages into brobygger/static/vendor (a build output, not in git).
import { copyFileSync, mkdirSync } from "node:fs";

const out = "brobygger/static/vendor";
mkdirSync(out, { recursive: true });
const files = {
  "node_modules/@digdir/designsystemet-css/dist/src/index.css": "designsystemet.css",
  "node_modules/@digdir/designsystemet-theme/brand/digdir.css": "designsystemet-theme.css",
  "node_modules/htmx.org/dist/htmx.min.js": "htmx.min.js",
};
for (const [src, dest] of Object.entries(files)) {
  copyFileSync(src, `${out}/${dest}`);
  console.log(`${src} -> ${out}/${dest}`);
}
