// What the browser tests share: puppeteer-core loaded from the build tree's node_modules (where
// browser_test_env.sh installed it, not beside the scripts), and checks that are counted and
// printed as "ok: ..." or "FAIL: ...", ending with "N passed, N failed".
import { createRequire } from "node:module";
import path from "node:path";

export function loadPuppeteer(nodeModules) {
  const require = createRequire(path.join(path.resolve(nodeModules), "noop.js"));
  return require("puppeteer-core");
}

export class Checks {
  passed = 0;
  failed = 0;

  // Counts and prints one check; returns `ok`, so a caller can skip what depends on it.
  check(ok, what, detail = "") {
    if (ok) {
      ++this.passed;
      console.log(`ok: ${what}`);
    } else {
      ++this.failed;
      console.log(`FAIL: ${what}${detail ? ": " + detail : ""}`);
    }
    return ok;
  }

  // The last line, and the exit status: 0 when every check passed.
  finish() {
    console.log(`${this.passed} passed, ${this.failed} failed`);
    process.exit(this.failed === 0 ? 0 : 1);
  }
}
