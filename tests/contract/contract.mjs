// The API contract (docs/openapi.yaml) as the tests hold the server to it: the document validated by
// swagger-parser, and a checker of recorded exchanges (portal-server --exchange-log) built on
// openapi-validator, the validator behind jest-openapi and chai-openapi-response-validator: it finds the
// documented path and method, refuses an undocumented status, and validates the body against the
// status's schema. Two things are added around it, both from the document:
// - the response's media type must be one the status documents (and no body where none is documented);
//   the body is then validated against that media type's schema;
// - answers carry exactly the documented fields: every object schema that does not say otherwise gets
//   `additionalProperties: false` for the check (allOf of objects merged first), so a field the document
//   lacks fails. The published document stays open to additions, as clients should be.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import openapiValidator from 'openapi-validator';
import responseValidator from 'openapi-response-validator';

const { makeApiSpec } = openapiValidator;
const OpenAPIResponseValidator = responseValidator.default ?? responseValidator;

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const documentPath = path.join(root, 'docs/openapi.yaml');

// The paths the API serves; anything else is the portal's own files (the web app), not the API.
export function isApiPath(pathname) {
  return pathname === '/healthz' || /^\/(api|oauth|dev|\.well-known)\//.test(pathname);
}

// Merges `allOf` of object schemas into one object schema, then closes every object schema that
// lists properties and does not say whether others may come.
function closed(schema, seen = new Map()) {
  if (!schema || typeof schema !== 'object') return schema;
  if (Array.isArray(schema)) return schema.map((item) => closed(item, seen));
  if (seen.has(schema)) return seen.get(schema);
  let result = {};
  seen.set(schema, result);
  for (const [key, value] of Object.entries(schema)) result[key] = closed(value, seen);
  if (Array.isArray(result.allOf) && result.allOf.every((part) => part.type === 'object' || part.properties)) {
    const merged = { type: 'object', properties: {}, required: [] };
    for (const part of result.allOf) {
      Object.assign(merged.properties, part.properties || {});
      merged.required.push(...(part.required || []));
    }
    if (merged.required.length === 0) delete merged.required;
    const { allOf, ...rest } = result;
    result = Object.assign(seen.get(schema), { ...rest, ...merged });
    for (const key of Object.keys(result)) if (!(key in rest) && !(key in merged)) delete result[key];
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
      if (!template) return `${exchange.path} is not a path of the document`;
      const operation = strict.paths[template][exchange.method.toLowerCase()];
      if (!operation) return `${exchange.method} is not documented on ${template}`;
      const documented = operation.responses[String(exchange.status)];
      if (!documented) {
        return `status ${exchange.status} is not documented for ${exchange.method} ${template} ` +
          `(documented: ${Object.keys(operation.responses).join(', ')})`;
      }
      const type = mediaType(exchange.headers['content-type']);
      const content = documented.content || {};
      const hasBody = exchange.body !== undefined ? exchange.body !== '' : exchange.body_bytes > 0 ||
        Number(exchange.headers['content-length'] || 0) > 0;
      if (!hasBody) {
        if (Object.keys(content).length > 0 && documented.content[Object.keys(content)[0]].schema &&
            !(type && content[type])) {
          return `${exchange.method} ${template} ${exchange.status} came without a body; the document gives one (${Object.keys(content).join(', ')})`;
        }
        return null;
      }
      if (!type) return `${exchange.method} ${template} ${exchange.status} has a body without a Content-Type`;
      const entry = content[type] || Object.entries(content).find(([name]) => name.endsWith('/*') &&
        type.startsWith(name.slice(0, -1)))?.[1];
      if (!entry) {
        return `${exchange.method} ${template} ${exchange.status} answered ${type}; the document says ` +
          `${Object.keys(content).join(', ') || 'no body'}`;
      }
      if (type !== 'application/json' || exchange.body === undefined) return null;
      let data;
      try {
        data = JSON.parse(exchange.body);
      } catch {
        return `${exchange.method} ${template} ${exchange.status} says JSON but its body is not JSON`;
      }
      // openapi-validator's own validateResponse builds a validator per call and takes the status's
      // first media type: the same validator (openapi-response-validator), built once per operation,
      // status and media type, given the media type that was sent.
      const key = `${exchange.method} ${template} ${exchange.status} ${type}`;
      let validator = validators.get(key);
      if (!validator) {
        validator = new OpenAPIResponseValidator({
          responses: { [String(exchange.status)]: { ...documented, content: { [type]: entry } } },
          components: strict.components,
        });
        validators.set(key, validator);
      }
      const failure = validator.validateResponse(String(exchange.status), data);
      if (!failure) return null;
      return `${key}: ` + failure.errors.map(({ path: where, message }) => `${where} ${message}`).join(', ');
    },
  };
}
