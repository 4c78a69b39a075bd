// Counts test cases across the ctest logs (doctest summaries) and the node --test TAP logs, and prints
// the one closing line "N passed, N failed". A ctest test that crashed before doctest could summarize
// counts as one failure; so does a log with no result at all.
import { readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  if (/(e2e|cluster|contract)\.log$/.test(file)) {
    const pass = /^# pass (\d+)/m.exec(text);
    const fail = /^# fail (\d+)/m.exec(text);
    if (!pass || !fail) { failed += 1; continue; }
    passed += Number(pass[1]);
    failed += Number(fail[1]);
    continue;
  }
  // ctest -V prefixes each test's output with "<number>: ".
  const byTest = new Map();
  for (const line of text.split('\n')) {
    const m = /^(\d+): (.*)$/.exec(line);
    if (m) byTest.set(m[1], (byTest.get(m[1]) || '') + m[2] + '\n');
  }
  const results = [...text.matchAll(/^\s*\d+\/\d+ Test\s+#(\d+): \S+ \.+\s*(\*{0,3}\w+)/gm)];
  if (results.length === 0) { failed += 1; continue; }
  for (const [, number, verdict] of results) {
    const summary = /\[doctest\] test cases:\s*\d+ \|\s*(\d+) passed \|\s*(\d+) failed/.exec(byTest.get(number) || '');
    if (summary) {
      passed += Number(summary[1]);
      failed += Number(summary[2]);
      if (verdict !== 'Passed' && Number(summary[2]) === 0) failed += 1;  // crashed after its summary
    } else if (verdict === 'Passed') {
      passed += 1;
    } else {
      failed += 1;
    }
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
