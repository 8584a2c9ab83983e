// Entries for the artifact tests: a partly translated one, a chain whose neighbours have hostile
// signatures (quotes, brackets, pipes, HTML, backticks, entity look-alikes), and a validator for the
// Mermaid text we emit, so every chart test checks the same grammar.
import type { Entry } from "../../scripts/schema/entry-schema.ts";
import { validEntry } from "../helpers/repo.ts";

export const entry = (id: string, overrides: Record<string, unknown> = {}) => validEntry(id, overrides) as unknown as Entry;

export const HOSTILE_SIGNATURES = {
  "demo/hostile-quotes": `Error: "quoted" and 'single' [E42] {x} (y)`,
  "other/hostile-html": "<img src=x onerror=alert(1)> & <b>b</b> `tick` #quot; 9%",
  "demo/hostile-pipes": "a | b || c --> d -.- e ;; %% comment \\ back\\slash ]] \"]",
} as const;

const link = (error_id: string, probability: number, condition = "") => ({ error_id, probability, condition });

export const partlyTranslated = entry("demo/partly-translated", {
  signature: "PartialError: the `widget` failed",
  signature_zh: "PartialError：`widget` 失败",
  root_cause_type: "configuration",
  versions: [{ version: "widget 2.x", introduced: "2.0", deprecated: null, removed: null, behavior_change: "Fails loudly", status: "active" }],
  os_specific: { windows: "Run `where widget` to see which one runs." },
  workarounds: [
    { action: "Reset the `widget`", success_rate: 0.8, how: "Run `widget --reset`.", condition: "", sources: ["https://example.com/widget"] },
    { action: "Reinstall it", success_rate: 0.5, how: "Remove and install again.", condition: "when the reset fails", sources: [] },
  ],
  tags: ["demo", "widget"],
  examples: { match: ["PartialError: the widget failed"], no_match: [] },
  regex: "PartialError: the `?widget`? failed",
});

export const chainMiddle = entry("demo/chain-middle", {
  signature: "ChainError: middle of the chain",
  signature_zh: "ChainError：链条中间",
  root_cause_zh: "中间的原因。",
  workarounds_zh: ["移除条件"],
  transition_graph: {
    preceded_by: [link("demo/hostile-quotes", 0.3, "When `x` happens first.")],
    leads_to: [link("other/hostile-html", 0.15)],
    frequently_confused_with: [{ error_id: "demo/hostile-pipes", distinction: "Pipes are not chains." }],
  },
});

export const hostileEntries = Object.entries(HOSTILE_SIGNATURES).map(([id, signature]) =>
  entry(id, {
    signature,
    ...(id === "demo/hostile-pipes" ? { signature_zh: "管道 | 不是链条" } : {}),
    transition_graph:
      id === "demo/hostile-quotes"
        ? { leads_to: [link("demo/chain-middle", 0.3)], preceded_by: [], frequently_confused_with: [] }
        : id === "other/hostile-html"
          ? { leads_to: [], preceded_by: [link("demo/chain-middle", 0.15)], frequently_confused_with: [] }
          : { leads_to: [], preceded_by: [], frequently_confused_with: [{ error_id: "demo/chain-middle", distinction: "Chains are not pipes." }] },
  }),
);

export const chainEntries: Entry[] = [chainMiddle, ...hostileEntries];

export interface ParsedFlowchart {
  readonly nodes: Map<string, string>;
  readonly edges: { from: string; to: string; kind: "-->" | "-.-"; label?: string }[];
  readonly clicks: Map<string, string>;
  readonly current: string[];
  readonly problems: string[];
}

const LABEL = /^(?:[\p{L}\p{N} .,:/_'-]|#\d+;)*$/u;

/** Mermaid entity codes back to characters: what the reader sees. */
export const decodeLabel = (label: string) => label.replace(/#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));

/**
 * Reads the subset of Mermaid flowchart syntax the renderer emits and reports anything else: unknown
 * lines, unsafe ids, undefined nodes, labels with raw quotes, brackets, pipes, angle brackets or backticks.
 */
export function parseFlowchart(source: string): ParsedFlowchart {
  const [first, ...lines] = source.split("\n");
  const problems: string[] = [];
  if (first !== "flowchart LR" && first !== "flowchart TD") problems.push(`first line is ${JSON.stringify(first)}`);
  const nodes = new Map<string, string>();
  const edges: ParsedFlowchart["edges"] = [];
  const clicks = new Map<string, string>();
  const current: string[] = [];
  const label = (l: string, where: string) => {
    if (!LABEL.test(l)) problems.push(`${where}: unescaped label ${JSON.stringify(l)}`);
    return l;
  };
  for (const raw of lines) {
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^(n\d+)\["([^"]*)"\]$/.exec(line))) {
      if (nodes.has(m[1]!)) problems.push(`${m[1]} defined twice`);
      nodes.set(m[1]!, label(m[2]!, m[1]!));
    } else if ((m = /^(n\d+) (-->|-\.-)(?:\|"([^"]*)"\|)? (n\d+)$/.exec(line))) {
      edges.push({ from: m[1]!, kind: m[2] as "-->" | "-.-", ...(m[3] !== undefined ? { label: label(m[3], line) } : {}), to: m[4]! });
    } else if ((m = /^click (n\d+) href "([A-Za-z0-9._~/%-]+)"$/.exec(line))) {
      clicks.set(m[1]!, m[2]!);
    } else if (line === "classDef current stroke-width:3px") {
      continue;
    } else if ((m = /^class (n\d+(?:,n\d+)*) current$/.exec(line))) {
      current.push(...m[1]!.split(","));
    } else {
      problems.push(`unexpected line ${JSON.stringify(line)}`);
    }
  }
  const referenced = [...edges.flatMap((e) => [e.from, e.to]), ...clicks.keys(), ...current];
  for (const id of referenced) if (!nodes.has(id)) problems.push(`${id} is used but never defined`);
  return { nodes, edges, clicks, current, problems };
}
