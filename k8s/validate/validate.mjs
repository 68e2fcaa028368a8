#!/usr/bin/env node
// Validates rendered manifests (`kubectl kustomize ... | node validate.mjs`, or file arguments) offline:
//   - Kubernetes' own kinds against the OpenAPI schemas of the Kubernetes API, as compiled into the
//     kubernetes-models package (types, required fields, enums, formats such as int32 and quantities);
//   - the operators' kinds (Strimzi, CloudNativePG, MongoDB Community) against the JSON Schemas in schemas/,
//     which are strict: a field they do not know is an error, so a typo cannot slip through;
//   - for every document: apiVersion, kind, a DNS-1123 metadata.name, and a schema to check it against
//     (an unknown kind fails rather than passing unchecked).
// kubernetes-models' schemas do not reject unknown fields (kubeconform -strict would; it is not packaged in
// Debian, npm or Maven Central), so a misspelt optional field of a core kind is not caught here.
// Exit code 1 and one line per problem when anything is invalid.
import { readFileSync } from "node:fs";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import { parseAllDocuments } from "yaml";

const here = path.dirname(fileURLToPath(import.meta.url));

// The operators' kinds: "<apiVersion> <kind>" -> compiled schema, from schemas/*.json (x-kubernetes-kind says which).
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
ajv.addKeyword({ keyword: "x-kubernetes-kind", schemaType: "object" });
ajv.addKeyword({ keyword: "x-source", schemaType: "string" });
const customSchemas = new Map();
for (const file of readdirSync(path.join(here, "schemas")).filter((f) => f.endsWith(".json")).sort()) {
  const schema = JSON.parse(readFileSync(path.join(here, "schemas", file), "utf8"));
  const { apiVersion, kind } = schema["x-kubernetes-kind"];
  customSchemas.set(`${apiVersion} ${kind}`, ajv.compile(schema));
}

const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

async function coreModel(apiVersion, kind) {
  // kubernetes-models lays its classes out as <group>/<version>/<Kind>; the core group is just <version>.
  const modulePath = `kubernetes-models/${apiVersion}/${kind}`;
  try {
    const module = await import(modulePath);
    return module[kind];
  } catch (error) {
    if (error.code === "ERR_MODULE_NOT_FOUND" || error.code === "ERR_PACKAGE_PATH_NOT_EXPORTED") return undefined;
    throw error;
  }
}

function describe(errors) {
  return errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}${e.params?.allowedValues ? ` ${JSON.stringify(e.params.allowedValues)}` : ""}`);
}

async function validate(source, text) {
  const problems = [];
  const counts = new Map();
  const documents = parseAllDocuments(text);
  for (const [index, document] of documents.entries()) {
    if (document.errors.length > 0) {
      problems.push(`${source} document ${index + 1}: YAML: ${document.errors.map((e) => e.message).join("; ")}`);
      continue;
    }
    const object = document.toJS();
    if (object === null || object === undefined) continue;
    const { apiVersion, kind } = object;
    const name = object.metadata?.name;
    const where = `${source} ${kind ?? "?"}/${name ?? "?"}`;
    if (typeof apiVersion !== "string" || typeof kind !== "string") {
      problems.push(`${where}: apiVersion and kind are required`);
      continue;
    }
    if (typeof name !== "string" || name.length > 253 || !DNS_1123_SUBDOMAIN.test(name)) {
      problems.push(`${where}: metadata.name must be a DNS-1123 subdomain`);
    }
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    const custom = customSchemas.get(`${apiVersion} ${kind}`);
    if (custom) {
      if (!custom(object)) problems.push(...describe(custom.errors).map((m) => `${where}: ${m}`));
      continue;
    }
    if (kind === "Secret" && object.data) {
      // kustomize folds long base64 values over lines; the API server's decoder (Go's base64) skips the line
      // breaks, so they are no error. Check the base64 itself.
      for (const key of Object.keys(object.data)) object.data[key] = String(object.data[key]).replace(/[\r\n]/g, "");
    }
    const Model = await coreModel(apiVersion, kind);
    if (!Model) {
      problems.push(`${where}: no schema for ${apiVersion} ${kind} (add one to k8s/validate/schemas/)`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      problems.push(`${where}: ${error.message.split("\n").join("; ")}`);
    }
  }
  return { problems, counts };
}

const inputs = process.argv.slice(2);
const sources = inputs.length > 0
  ? inputs.map((file) => [file, readFileSync(file, "utf8")])
  : [["<stdin>", readFileSync(0, "utf8")]];
let failed = false;
for (const [source, text] of sources) {
  const { problems, counts } = await validate(source, text);
  const summary = [...counts.entries()].sort().map(([kind, n]) => `${n} ${kind}`).join(", ");
  if (problems.length > 0) {
    failed = true;
    for (const problem of problems) console.error(`INVALID ${problem}`);
    console.error(`${source}: ${problems.length} problem(s) in ${summary}`);
  } else {
    console.log(`${source}: valid (${summary})`);
  }
}
process.exit(failed ? 1 : 0);
