// Builds the API's reference page from docs/openapi.yaml at build time; the server embeds it and serves
// it at /api/reference. One self-contained HTML page, rendered here in full: every operation with its
// parameters, body and answers, every schema, linked in the page. No script (the server's CSP allows
// none on it), nothing fetched elsewhere, readable on a phone. (redocly build-docs was tried first:
// Redoc 3 renders the operations in the browser, from a large script.)
//   node tools/api-reference.mjs docs/openapi.yaml OUT.html
import { writeFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node tools/api-reference.mjs docs/openapi.yaml OUT.html');
  process.exit(2);
}

await SwaggerParser.validate(input);  // a document that is not valid is not published
const doc = await SwaggerParser.parse(input);  // $refs kept, so schemas are named and linked

const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  .replace(/"/g, '&quot;');
// The little Markdown the document uses: paragraphs, `code`, **bold**.
function markdown(text) {
  if (!text) return '';
  return String(text).trim().split(/\n\s*\n/).map((paragraph) => `<p>${escape(paragraph)
    .replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')}</p>`).join('\n');
}
const inline = (text) => markdown(text).replace(/^<p>|<\/p>$/g, '').replace(/<\/p>\n<p>/g, ' ');

function resolve(ref) {
  return ref.replace(/^#\//, '').split('/').reduce((node, key) => node[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}
const refName = (ref) => ref.split('/').pop();
const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

// A schema as a short type line and, for objects and arrays of objects, a nested list of fields.
function typeOf(schema) {
  if (!schema) return 'any';
  if (schema.$ref) return `<a href="#schema-${slug(refName(schema.$ref))}">${escape(refName(schema.$ref))}</a>`;
  if (schema.allOf) return schema.allOf.map(typeOf).join(' and ');
  let type = schema.type || 'any';
  if (type === 'array') type = `array of ${typeOf(schema.items)}`;
  if (schema.format) type += ` (${escape(schema.format)})`;
  if (schema.enum) type += `: ${schema.enum.map((v) => `<code>${escape(JSON.stringify(v))}</code>`).join(', ')}`;
  const limits = [];
  if (schema.minimum !== undefined) limits.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) limits.push(`≤ ${schema.maximum}`);
  if (schema.maxLength !== undefined) limits.push(`at most ${schema.maxLength} characters`);
  if (schema.maxItems !== undefined) limits.push(`at most ${schema.maxItems} items`);
  if (schema.default !== undefined) limits.push(`default <code>${escape(JSON.stringify(schema.default))}</code>`);
  if (limits.length) type += `, ${limits.join(', ')}`;
  if (schema.nullable) type += ', or null';
  return type;
}
function fields(schema, depth = 0) {
  if (!schema || schema.$ref || depth > 6) return '';
  if (schema.allOf) return schema.allOf.map((part) => part.$ref ? '' : fields(part, depth)).join('');
  if (schema.type === 'array') return fields(schema.items, depth);
  const properties = Object.entries(schema.properties || {});
  if (!properties.length && !schema.additionalProperties) return '';
  const required = new Set(schema.required || []);
  const items = properties.map(([name, property]) => `<li><code>${escape(name)}</code>` +
    `${required.has(name) ? ' <span class="req">required</span>' : ''} — ${typeOf(property)}` +
    `${property.description ? `: ${inline(property.description)}` : ''}${fields(property, depth + 1)}</li>`);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    items.push(`<li>any other name — ${typeOf(schema.additionalProperties)}</li>`);
  }
  return `<ul class="fields">${items.join('')}</ul>`;
}
function schemaBlock(schema) {
  return `<p class="type">${typeOf(schema)}</p>${schema.description && !schema.$ref ? markdown(schema.description) : ''}` +
    fields(schema);
}
function content(media) {
  return Object.entries(media || {}).map(([type, entry]) => `<div class="media"><p class="media-type">` +
    `<code>${escape(type)}</code></p>${entry.schema ? schemaBlock(entry.schema) : ''}` +
    `${entry.example !== undefined ? `<pre>${escape(JSON.stringify(entry.example, null, 2))}</pre>` : ''}</div>`).join('');
}
function response(status, answer) {
  const named = answer.$ref ? refName(answer.$ref) : null;
  const body = named ? resolve(answer.$ref) : answer;
  const headers = Object.entries(body.headers || {}).map(([name, header]) =>
    `<li><code>${escape(name)}</code> — ${typeOf(header.schema)}${header.description ? `: ${inline(header.description)}` : ''}</li>`);
  return `<div class="response"><h4><span class="status s${String(status)[0]}">${escape(status)}</span> ` +
    `${inline(body.description)}</h4>${headers.length ? `<p>Headers:</p><ul>${headers.join('')}</ul>` : ''}` +
    `${content(body.content)}</div>`;
}

const methods = ['get', 'put', 'post', 'patch', 'delete'];
const operations = [];
for (const [path, item] of Object.entries(doc.paths)) {
  for (const method of methods.filter((m) => item[m])) {
    operations.push({ path, method, operation: item[method], shared: item.parameters || [] });
  }
}

function operationSection({ path, method, operation, shared }) {
  const parameters = [...shared, ...(operation.parameters || [])].map((p) => (p.$ref ? resolve(p.$ref) : p));
  const security = operation.security ?? doc.security ?? [];
  const rows = parameters.map((p) => `<tr><td><code>${escape(p.name)}</code></td><td>${escape(p.in)}</td>` +
    `<td>${p.required ? 'yes' : 'no'}</td><td>${typeOf(p.schema)}${p.description ? `: ${inline(p.description)}` : ''}</td></tr>`);
  const body = operation.requestBody;
  return `<section id="${escape(operation.operationId)}">
<h2><span class="method ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h2>
<p class="summary">${inline(operation.summary)}</p>
${markdown(operation.description)}
<p class="security">${security.length ? 'Needs a bearer access token (<code>Authorization: Bearer …</code>).' : 'Public: no token.'}</p>
${rows.length ? `<h3>Parameters</h3><div class="scroll"><table><thead><tr><th>Name</th><th>In</th><th>Required</th><th>Type</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>` : ''}
${body ? `<h3>Request body${body.required ? '' : ' (optional)'}</h3>${content(body.content)}` : ''}
<h3>Responses</h3>
${Object.entries(operation.responses).map(([status, answer]) => response(status, answer)).join('\n')}
</section>`;
}

const refusals = doc['x-transport-refusals'];
const unknown = doc['x-unknown-paths'];
const schemas = Object.entries(doc.components?.schemas || {});
const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.info.title)} — API reference</title>
<style>
:root { color-scheme: light; --ink: #1f1f1f; --muted: #5e5e5e; --line: #e0e0e0; --accent: #142032; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem 4rem; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 1rem 0 .25rem; }
h2 { font-size: 1.2rem; margin: 0 0 .25rem; overflow-wrap: anywhere; }
h3 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
h4 { font-size: .95rem; font-weight: 600; margin: .75rem 0 .25rem; }
section { border-top: 1px solid var(--line); padding: 1.5rem 0; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .875em; }
code { background: #f4f4f4; border-radius: 4px; padding: 0 .25em; overflow-wrap: anywhere; }
pre { background: #f4f4f4; padding: .75rem; border-radius: 6px; overflow-x: auto; }
a { color: #1f4fd1; }
.summary { font-weight: 600; margin: .25rem 0; }
.security, .type, .media-type { color: var(--muted); margin: .25rem 0; }
.method { display: inline-block; min-width: 3.5em; text-align: center; border-radius: 4px; padding: 0 .4em; color: #fff; font-size: .8em; vertical-align: middle; }
.method.get { background: #0b7a3e; } .method.post { background: #1f4fd1; } .method.put, .method.patch { background: #8a5a00; } .method.delete { background: #b3261e; }
.status { display: inline-block; min-width: 2.5em; font-family: ui-monospace, Menlo, monospace; }
.s2, .s3 { color: #0b7a3e; } .s4 { color: #8a5a00; } .s5 { color: #b3261e; }
.req { font-size: .75em; color: #b3261e; text-transform: uppercase; letter-spacing: .03em; }
.fields { padding-left: 1.25rem; margin: .25rem 0; } .fields li { margin: .15rem 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .95em; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .35rem .5rem; }
nav ul { padding-left: 1.25rem; columns: 2 22rem; } nav li { break-inside: avoid; margin: .15rem 0; }
.response { border-left: 3px solid var(--line); padding-left: .75rem; margin: .5rem 0; }
</style>
</head>
<body>
<main>
<header>
<h1>${escape(doc.info.title)}</h1>
<p class="type">Version ${escape(doc.info.version)} · OpenAPI ${escape(doc.openapi)} · the document itself: <a href="/api/openapi.yaml">/api/openapi.yaml</a></p>
${markdown(doc.info.description)}
</header>
<nav aria-label="Operations">
<h2>Operations</h2>
<ul>${operations.map(({ path, method, operation }) => `<li><a href="#${escape(operation.operationId)}">` +
  `<span class="method ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></a> — ${inline(operation.summary)}</li>`).join('\n')}</ul>
<p><a href="#on-any-path">On any path</a> · <a href="#schemas">Schemas</a></p>
</nav>
${operations.map(operationSection).join('\n')}
<section id="on-any-path">
<h2>On any path</h2>
${refusals ? response(refusals.statuses.join(', '), refusals.response) : ''}
${unknown ? response(unknown.statuses.join(', '), unknown.response) : ''}
</section>
<section id="schemas">
<h2>Schemas</h2>
${schemas.map(([name, schema]) => `<div id="schema-${slug(name)}"><h3>${escape(name)}</h3>${schemaBlock(schema)}` +
  `${schema.allOf ? schema.allOf.filter((part) => part.$ref).map((part) => `<p>With every field of ${typeOf(part)}.</p>`).join('') : ''}</div>`).join('\n')}
</section>
</main>
</body>
</html>
`;
if (/<script\b/i.test(page) || /\s(?:src|href)="https?:\/\//.test(page)) {
  console.error('api-reference: the page would run a script or fetch something elsewhere');
  process.exit(1);
}
writeFileSync(output, page);
