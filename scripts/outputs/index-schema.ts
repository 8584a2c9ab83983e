// The published JSON Schema of generated/index.json (and of each generated/<domain>.json), derived
// from the entry schema and the index's fill values, so the three cannot drift apart.
import { entrySchema } from "../model/entry-schema.ts";
import { INDEX_SCHEMA_VERSION } from "../model/index-format.ts";
import { indexDefaults } from "./bundle.ts";

export const INDEX_SCHEMA_ID = "https://error-kb.dev/schema/index.schema.json";

type PropertySchema = { readonly type?: string | readonly string[]; readonly description?: string; readonly [key: string]: unknown };

function acceptsNull(schema: PropertySchema): boolean {
  return schema.type === "null" || (Array.isArray(schema.type) && schema.type.includes("null"));
}

/** An entry as the index holds it: every field present, absent optional ones as their empty value. */
function indexedEntrySchema() {
  const defaults: Record<string, unknown> = indexDefaults();
  const properties: Record<string, PropertySchema> = {};
  for (const [key, schema] of Object.entries(entrySchema.properties) as [string, PropertySchema][]) {
    if (key === "$schema") continue;
    if (defaults[key] === null && !acceptsNull(schema)) {
      properties[key] = { description: `${schema.description ?? ""} null when the entry leaves it out.`.trim(), anyOf: [schema, { type: "null" }] };
    } else if (key === "examples") {
      properties[key] = { ...schema, required: ["match", "no_match"] };
    } else {
      properties[key] = schema;
    }
  }
  return {
    title: entrySchema.title,
    description: `${entrySchema.description} In the index every field is present: fields the entry leaves out hold null, [] or {}.`,
    type: "object",
    additionalProperties: false,
    required: Object.keys(entrySchema.properties).filter((k) => k !== "$schema"),
    properties,
  };
}

export function buildIndexSchema() {
  const major = INDEX_SCHEMA_VERSION.split(".")[0];
  return {
    $schema: entrySchema.$schema,
    $id: INDEX_SCHEMA_ID,
    title: "error-kb index",
    description:
      "generated/index.json: every entry of the error-kb knowledge base, sorted by id, with every field filled. " +
      "Each generated/<domain>.json has the same format, restricted to one domain.",
    type: "object",
    additionalProperties: false,
    required: ["schema_version", "count", "entries"],
    properties: {
      schema_version: {
        type: "string",
        pattern: `^${major}\\.(?:0|[1-9][0-9]*)\\.(?:0|[1-9][0-9]*)$`,
        description: `Semantic version of this format. This schema describes major version ${major}; a new major version means consumers' code may break.`,
        examples: [INDEX_SCHEMA_VERSION],
      },
      count: { type: "integer", minimum: 0, description: "Number of entries." },
      entries: { type: "array", items: { $ref: "#/$defs/entry" }, description: "The entries, sorted by id." },
    },
    $defs: { entry: indexedEntrySchema() },
  };
}
