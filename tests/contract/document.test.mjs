// docs/openapi.yaml as an integrator's tools read it: valid for swagger-parser (the OpenAPI schema and its
// own checks of the spec) and without an error or a warning from `redocly lint` (redocly.yaml: the
// recommended rules, three off with their reasons). Then what the tools do not check: each operation
// says its security and has an id; a secured one documents 401, one with a JSON body 415.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { documentPath, operationsOf, root } from './contract.mjs';

test('swagger-parser validates the document', async () => {
  await SwaggerParser.validate(documentPath);
});

test('redocly lint finds no error and no warning', () => {
  const run = spawnSync(path.join(root, 'node_modules/.bin/redocly'), ['lint', '--format=stylish', documentPath], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  const output = `${run.stdout}\n${run.stderr}`;
  assert.equal(run.status, 0, output);
  assert.doesNotMatch(output, /^\s*\d+:\d+\s+(error|warning)\b/m, output);
  assert.match(output, /Your API description is valid/, output);
});

test('every operation has an id and says its security; a secured one documents 401, a JSON body 415', async () => {
  const document = await SwaggerParser.validate(documentPath);
  const problems = [];
  for (const { where, method, operation } of operationsOf(document)) {
    const name = `${method.toUpperCase()} ${where}`;
    if (!operation.operationId) problems.push(`${name}: no operationId`);
    if (!Array.isArray(operation.security)) problems.push(`${name}: no security (say [] when public)`);
    else if (operation.security.length > 0 && !operation.responses['401']) problems.push(`${name}: secured, no 401`);
    if (operation.requestBody?.content?.['application/json'] && !operation.responses['415'])
      problems.push(`${name}: takes JSON, no 415`);
  }
  assert.deepEqual(problems, []);
});
