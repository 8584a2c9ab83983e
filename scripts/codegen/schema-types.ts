// Turns the entry schema into plain TypeScript declarations (interfaces with doc comments), so the
// `Entry` type comes from the schema and still needs no type library: the consumer package ships it
// as is. Covers the schema subset entry-schema.ts uses; anything else is an error, not a guess.

interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly items?: SchemaNode;
  readonly anyOf?: readonly SchemaNode[];
  readonly additionalProperties?: boolean | SchemaNode;
  readonly description?: string;
  readonly markdownDescription?: string;
}

/** Schema paths (property names joined with ".", "[]" for items) that get a named type. */
export const NAMED_TYPES: Readonly<Record<string, string>> = {
  "": "Entry",
  "versions[]": "VersionRow",
  "dead_ends[]": "DeadEnd",
  "workarounds[]": "Workaround",
  "workarounds[].risk": "Risk",
  "translated_from": "TranslatedFrom",
  "transition_graph": "TransitionGraph",
  "transition_graph.leads_to[]": "Transition",
  "transition_graph.preceded_by[]": "Transition",
  "transition_graph.frequently_confused_with[]": "Confusion",
  "examples": "Examples",
  "rate_basis": "RateBasis",
  "dead_ends[].rate_basis": "RateBasis",
  "workarounds[].rate_basis": "RateBasis",
};

export function schemaToTypes(schema: SchemaNode, header: string): string {
  const declarations: string[] = [];
  const declared = new Set<string>();

  const typeOf = (node: SchemaNode, at: string, indent: string): string => {
    const name = NAMED_TYPES[at];
    if (name !== undefined && at !== "") {
      if (!declared.has(name)) {
        declared.add(name);
        declarations.push(declare(name, node, at));
      }
      return name;
    }
    return inlineType(node, at, indent);
  };

  const inlineType = (node: SchemaNode, at: string, indent: string): string => {
    if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(" | ");
    if (node.anyOf) return node.anyOf.map((n, i) => typeOf(n, `${at}|${i}`, indent)).join(" | ");
    const types = node.type === undefined ? [] : typeof node.type === "string" ? [node.type] : [...node.type];
    if (types.length === 0) throw new Error(`schema at "${at}" has no type, enum or anyOf`);
    return types.map((t) => single(t, node, at, indent)).join(" | ");
  };

  const single = (t: string, node: SchemaNode, at: string, indent: string): string => {
    switch (t) {
      case "string":
        return "string";
      case "number":
      case "integer":
        return "number";
      case "boolean":
        return "boolean";
      case "null":
        return "null";
      case "array": {
        if (!node.items) throw new Error(`array at "${at}" has no items`);
        const item = typeOf(node.items, `${at}[]`, indent);
        return /[ |]/.test(item) ? `(${item})[]` : `${item}[]`;
      }
      case "object":
        return objectBody(node, at, indent);
      default:
        throw new Error(`schema at "${at}" has unsupported type ${t}`);
    }
  };

  const objectBody = (node: SchemaNode, at: string, indent: string): string => {
    const props = Object.entries(node.properties ?? {});
    if (props.length === 0) {
      const extra = node.additionalProperties;
      if (typeof extra === "object") return `{ [key: string]: ${typeOf(extra, `${at}{}`, indent)} }`;
      return "Record<string, never>";
    }
    const inner = `${indent}  `;
    const required = new Set(node.required ?? []);
    const lines = props.map(([key, child]) => {
      const childAt = at === "" ? key : `${at}.${key}`;
      const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : JSON.stringify(key);
      return `${comment(child, inner)}${inner}${name}${required.has(key) ? "" : "?"}: ${typeOf(child, childAt, inner)};`;
    });
    return `{\n${lines.join("\n")}\n${indent}}`;
  };

  const declare = (name: string, node: SchemaNode, at: string): string => {
    const body = inlineType(node, at, "");
    const isObject = body.startsWith("{");
    return `${comment(node, "")}export ${isObject ? `interface ${name} ${body}` : `type ${name} = ${body};`}`;
  };

  const entryBody = objectBody(schema, "", "");
  const entry = `${comment(schema, "")}export interface Entry ${entryBody}`;
  return `${header}\n\n${[entry, ...declarations].join("\n\n")}\n`;
}

function comment(node: SchemaNode, indent: string): string {
  const text = node.description;
  if (!text) return "";
  return `${indent}/** ${text.replace(/\*\//g, "*\\/")} */\n`;
}
