// The editor schemas through ajv in strict mode, an independent validator of JSON Schema:
//   node schema.mjs SCHEMA.json DOC.json...
// prints {"results": [{"file", "valid", "errors"}]}; a schema that strict mode refuses, or
// that makes ajv warn, exits 1 with the reason.
import { readFileSync } from "node:fs";
import Ajv from "ajv";

const [schemaFile, ...documents] = process.argv.slice(2);
const warnings = [];
const ajv = new Ajv({
  strict: true,
  allErrors: true,
  // The annotation the YAML language server (VS Code) reads beside `description`.
  keywords: ["markdownDescription"],
  logger: { log() {}, warn: (...m) => warnings.push(m.join(" ")), error: (...m) => warnings.push(m.join(" ")) },
});
let validate;
try {
  validate = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")));
} catch (error) {
  console.error(`strict mode refuses ${schemaFile}: ${error.message}`);
  process.exit(1);
}
if (warnings.length > 0) {
  console.error(`ajv warns about ${schemaFile}:\n${warnings.join("\n")}`);
  process.exit(1);
}
const results = documents.map((file) => {
  const valid = validate(JSON.parse(readFileSync(file, "utf8")));
  return { file, valid, errors: (validate.errors || []).map((e) => `${e.instancePath} ${e.message}`) };
});
console.log(JSON.stringify({ results }));
