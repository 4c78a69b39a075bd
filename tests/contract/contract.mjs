// The API contract (docs/openapi.yaml) as the tests hold the server to it: the document validated by
// swagger-parser, and a checker of recorded exchanges (portal-server --exchange-log) built on
// openapi-validator, the validator behind jest-openapi and chai-openapi-response-validator: it finds the
// documented path and method, refuses an undocumented status, and validates the body against the
// status's schema (openapi-response-validator). Around it, all from the document:
// - the response's media type must be one the status documents (and no body where none is documented);
//   the body is then validated against that media type's schema, formats included (ajv-formats);
// - every header the response documents is sent, within its enum;
// - answers carry exactly the documented fields: every object schema that does not say otherwise gets
//   `additionalProperties: false` for the check (allOf of objects merged first), so a field the document
//   lacks fails. The published document stays open to additions, as clients should be;
// - a refusal of the request itself (x-transport-refusals) only where the server marked one, and a 404
//   for a path or a method the document lacks (x-unknown-paths).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import openapiValidator from 'openapi-validator';
import responseValidator from 'openapi-response-validator';
import formats from 'ajv-formats/dist/formats.js';

const { makeApiSpec } = openapiValidator;
const OpenAPIResponseValidator = responseValidator.default ?? responseValidator;

// The formats the document uses (date-time, uri, email), checked as ajv-formats checks them: the
// response validator ignores a format it is not given.
const customFormats = Object.fromEntries(['date-time', 'uri', 'email'].map((name) => {
  const format = formats.fullFormats[name];
  const check = typeof format === 'function' ? format : format instanceof RegExp ? (v) => format.test(v)
    : typeof format.validate === 'function' ? format.validate : (v) => format.validate.test(v);
  return [name, (value) => check(value)];
}));

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const documentPath = path.join(root, 'docs/openapi.yaml');

// The paths the API serves; anything else is the portal's own files (the web app), not the API.
export function isApiPath(pathname) {
  return pathname === '/healthz' || /^\/(api|oauth|dev|notifications|\.well-known)\//.test(pathname);
}

// Merges `allOf` of object schemas into one object schema, then closes every object schema that
// lists properties and does not say whether others may come.
function closed(schema, seen = new Map()) {
  if (!schema || typeof schema !== 'object') return schema;
  if (Array.isArray(schema)) return schema.map((item) => closed(item, seen));
  if (seen.has(schema)) return seen.get(schema);
  const result = {};
  seen.set(schema, result);
  for (const [key, value] of Object.entries(schema)) result[key] = closed(value, seen);
  if (Array.isArray(result.allOf) && result.allOf.every((part) => part.type === 'object' || part.properties)) {
    const merged = { type: 'object', properties: {}, required: [] };
    for (const part of [...result.allOf, result]) {
      Object.assign(merged.properties, part.properties || {});
      merged.required.push(...(part.required || []));
    }
    if (merged.required.length === 0) delete merged.required;
    delete result.allOf;
    Object.assign(result, merged);
  }
  if ((result.type === 'object' || result.properties) && result.properties && !('additionalProperties' in result)) {
    result.additionalProperties = false;
  }
  return result;
}

// Reads and validates the document (swagger-parser: the OpenAPI schema, then its own checks of the
// spec), dereferenced. Throws with swagger-parser's message when the document is not valid.
export async function loadDocument() {
  return SwaggerParser.validate(documentPath);
}

// Each operation of a document: its path, its method (lower case) and the operation object.
export function* operationsOf(document) {
  for (const [where, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'].filter((m) => item[m])) {
      yield { where, method, operation: item[method] };
    }
  }
}

function mediaType(contentType) {
  return String(contentType || '').split(';')[0].trim().toLowerCase();
}

// A checker of exchanges: check(exchange) returns null when the exchange is what the document says,
// else the reason. An exchange is a line of --exchange-log: method, path, status, headers (lower-case
// names), body (text) or body_bytes.
export async function makeChecker() {
  const document = await loadDocument();
  const strict = closed(structuredClone(document));
  const spec = makeApiSpec(strict);
  const validators = new Map();

  // The media type, the headers and the body of `exchange` against `documented` (a response object).
  function validateBody(name, documented, exchange) {
    for (const [header, spec] of Object.entries(documented.headers || {})) {
      const sent = exchange.headers[header.toLowerCase()];
      if (sent === undefined) return `${name} came without its ${header} header`;
      const allowed = spec.schema && spec.schema.enum;
      if (allowed && !sent.split(/\s*,\s*/).every((value) => allowed.includes(value))) {
        return `${name}: ${header} is "${sent}"; the document says ${allowed.join(' or ')}`;
      }
    }
    const type = mediaType(exchange.headers['content-type']);
    const content = documented.content || {};
    // A stream's body is not recorded (it lasts as long as the page holds it): its media type is checked.
    const hasBody = exchange.body_streamed || (exchange.body !== undefined ? exchange.body !== '' : exchange.body_bytes > 0);
    if (!hasBody) {
      if (Object.keys(content).length > 0) return `${name} came without a body; the document gives one (${Object.keys(content).join(', ')})`;
      return null;
    }
    if (!type) return `${name} has a body without a Content-Type`;
    const entry = content[type];
    if (!entry) return `${name} answered ${type}; the document says ${Object.keys(content).join(', ') || 'no body'}`;
    if (type !== 'application/json' || exchange.body === undefined) return null;
    if (entry.schema && entry.schema.format === 'binary') return null;  // a file that happens to be JSON
    let data;
    try {
      data = JSON.parse(exchange.body);
    } catch {
      return `${name} says JSON but its body is not JSON`;
    }
    // openapi-validator's own validateResponse builds a validator per call and takes the status's first
    // media type: the same validator (openapi-response-validator), built once per response and media
    // type, given the media type that was sent.
    const key = `${name} ${type}`;
    let validator = validators.get(documented);
    if (!validator) {
      // The document is dereferenced: the schema carries everything, no components are needed.
      validator = new OpenAPIResponseValidator({
        responses: { 200: { ...documented, content: { [type]: entry } } },
        customFormats,
        errorTransformer: (_error, ajv) => ({
          message: `${ajv.instancePath || '(the body)'} ${ajv.message}` +
            (ajv.params && ajv.params.additionalProperty ? `: ${ajv.params.additionalProperty}` : ''),
        }),
      });
      validators.set(documented, validator);
    }
    const failure = validator.validateResponse(200, data);
    if (!failure) return null;
    return `${key}: ` + failure.errors.map(({ message }) => message).join('; ');
  }
  return {
    document: strict,
    operation(exchange) {
      try {
        return spec.findOpenApiPathMatchingRequest({ path: exchange.path, method: exchange.method });
      } catch {
        return null;
      }
    },
    check(exchange) {
      const template = this.operation(exchange);
      const refusals = strict['x-transport-refusals'];
      const unknown = strict['x-unknown-paths'];
      // A refusal of the request itself (the server marks it: the library's, or decided from the head)
      // may come on any path, as may a 404 for a path or a method the document does not have.
      const refused = exchange.transport === true && refusals.statuses.includes(exchange.status);
      const operation = template && strict.paths[template][exchange.method.toLowerCase()];
      const name = template ? `${exchange.method} ${template} ${exchange.status}`
        : `${exchange.method} ${exchange.path} (not in the document) ${exchange.status}`;
      let documented;
      if (refused) {
        documented = refusals.response;
      } else if (!operation) {
        if (!unknown.statuses.includes(exchange.status)) {
          return template ? `${exchange.method} is not documented on ${template}, and answered ${exchange.status}`
            : `${exchange.path} is not a path of the document, and answered ${exchange.status}`;
        }
        documented = unknown.response;
      } else {
        documented = operation.responses[String(exchange.status)];
        if (!documented) {
          return `status ${exchange.status} is not documented for ${exchange.method} ${template} ` +
            `(documented: ${Object.keys(operation.responses).join(', ')})`;
        }
      }
      return validateBody(name, documented, exchange);
    },
  };
}
