// Parses docs/asyncapi.yaml with the AsyncAPI parser (@asyncapi/parser, pinned in package.json)
// and fails on any error diagnostic; warnings are printed.
//   node check_asyncapi.mjs DOCUMENT NODE_MODULES_DIR
// NODE_MODULES_DIR is where `npm ci` put the parser (tests/contract/run_node.sh installs it in
// the build tree).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [document, modules] = process.argv.slice(2);
if (!document || !modules) {
  console.error('usage: node check_asyncapi.mjs DOCUMENT NODE_MODULES_DIR');
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(modules), 'package.json'));
const { Parser, DiagnosticSeverity } = require('@asyncapi/parser');
const parserVersion = require('@asyncapi/parser/package.json').version;

const parser = new Parser();
const { document: parsed, diagnostics } = await parser.parse(readFileSync(document, 'utf8'), {
  source: path.resolve(document),
});

const where = (d) => (d.range ? `${d.range.start.line + 1}:${d.range.start.character + 1}` : '?');
const name = ['error', 'warning', 'information', 'hint'];
let errors = 0;
for (const d of diagnostics) {
  if (d.severity === DiagnosticSeverity.Error) errors++;
  console.log(`${document}:${where(d)}: ${name[d.severity] ?? d.severity}: ${d.message} ` +
              `[${d.code}] at ${(d.path || []).join('.')}`);
}
if (errors > 0 || !parsed) {
  console.error(`FAIL: ${errors} error(s) from @asyncapi/parser ${parserVersion}`);
  process.exit(1);
}

// What the document must hold, beyond being valid: every topic caseflow uses, and every
// message of a channel in some operation.
const channels = parsed.channels();
const addresses = channels.all().map((c) => c.address());
const expected = ['caseflow.events', 'caseflow.stage.{level}', 'caseflow.dept.{code}',
                  'caseflow.dispatcher', 'caseflow.alerts', 'caseflow.updates', 'caseflow.dlq',
                  'caseflow.changelog', 'caseflow.definitions'];
const missing = expected.filter((a) => !addresses.includes(a));
if (missing.length) {
  console.error(`FAIL: no channel for ${missing.join(', ')}`);
  process.exit(1);
}
const operations = parsed.operations().all();
for (const channel of channels.all()) {
  for (const message of channel.messages().all()) {
    const used = operations.some((op) =>
      op.channels().all().some((c) => c.id() === channel.id()) &&
      op.messages().all().some((m) => m.id() === message.id()));
    if (!used) {
      console.error(`FAIL: message ${message.id()} of channel ${channel.id()} is in no operation`);
      process.exit(1);
    }
  }
}
console.log(`OK: ${document} is valid AsyncAPI ${parsed.version()} (@asyncapi/parser ` +
            `${parserVersion}): ${channels.length} channels, ${operations.length} operations, ` +
            `${parsed.allMessages().length} messages, ${diagnostics.length} warning(s)`);
