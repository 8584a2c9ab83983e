// makeTextInert is what lets any entry text reach serialise(): whatever a contributor writes (controls,
// CR, NUL, lone surrogates, e-mail addresses, URLs in any case, pipes and backslashes in a cell), the
// build writes a page whose reading is the inert tree, and never throws.
import fc from "fast-check";
import type { BlockContent, PhrasingContent, Root, TableCell } from "mdast";
import { describe, expect, it } from "vitest";
import { makeTextInert } from "../../scripts/markdown/inert.ts";
import { CONTROL_OR_HIDDEN } from "../../scripts/model/hidden-characters.ts";
import { toMarkdown } from "../../scripts/markdown/to-markdown.ts";
import { normalise, parseGfm } from "./arbitraries.ts";

const PIECES = ["@", "a@b.co", "x.y@EXAMPLE.org", "mailto:m@x.io", "www.", "WWW.X.COM", "HTTPS://e.x/p", "FtP://f.io", "\r", "\r\n", "\n", "\0", "\u000B", "\u0085", "\u001B[31m", "\u202E", "\ud800", "\udc00", "|", "\\|", "\\\\|", "`", "*", "_", "~", "<b>", "&amp;", "# ", "1. ", "- ", "> ", " ", "\t", "é", "😀", "$", "$$", "$`x`$", "@octocat", "@github/security", "#1", "o/r#2", "GH-3", "<span>"];
const userText = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 4 }), fc.string({ maxLength: 6 })), { maxLength: 8 })
  .map((parts) => parts.join(""));

const text = (value: string): PhrasingContent => ({ type: "text", value });

type Node = { type: string; value?: string; children?: Node[] };
/** The text a reader sees: text and code values in order, HTML tags dropped. */
const textOf = (n: Node): string => (n.type === "html" ? "" : n.type === "text" || n.type === "inlineCode" || n.type === "code" ? n.value! : (n.children ?? []).map(textOf).join(""));
/** The text nodes that are not the one text between <span> and </span>. */
function textsOutsideSpans(n: Node): string[] {
  return (n.children ?? []).flatMap((child, i, siblings) => {
    if (child.type === "text") return siblings[i - 1]?.value === "<span>" && siblings[i + 1]?.value === "</span>" ? [] : [child.value!];
    return textsOutsideSpans(child);
  });
}
const code = (value: string): PhrasingContent => ({ type: "inlineCode", value });
const cell = (children: PhrasingContent[]): TableCell => ({ type: "tableCell", children });

/** A tree shaped like a view (heading, fix-first paragraphs, a code block, a list, a details table), every value user text. */
const viewShaped = fc.array(userText, { minLength: 9, maxLength: 9 }).map(([a, b, c, d, e, f, g, h, i]): Root => {
  const children: BlockContent[] = [
    { type: "heading", depth: 1, children: [text(a!)] },
    { type: "paragraph", children: [{ type: "strong", children: [text("You see:")] }, text(" "), code(b!)] },
    { type: "heading", depth: 3, children: [text("1. "), text(c!), code(d!)] },
    { type: "paragraph", children: [text(e!), code(f!), text(" because "), text(g!)] },
    { type: "code", lang: "sh", meta: null, value: h! },
    { type: "list", ordered: false, spread: false, children: [{ type: "listItem", spread: false, children: [{ type: "paragraph", children: [text("Regex: "), code(i!)] }] }] },
    { type: "table", align: [null, null], children: [{ type: "tableRow", children: [cell([text("Field")]), cell([text("Value")])] }, { type: "tableRow", children: [cell([text(a!)]), cell([code(i!), text(" "), text(e!)])] }] },
  ];
  return { type: "root", children };
});

describe("makeTextInert + serialise", () => {
  it("write any user text without throwing, and the page reads back as the inert tree", () => {
    fc.assert(
      fc.property(viewShaped, fc.boolean(), (tree, conversation) => {
        const markdown = toMarkdown(tree, { conversation });
        const read = parseGfm(markdown);
        expect(normalise(read)).toEqual(normalise(makeTextInert(tree, { conversation })));
        // Once the spans are dropped, the text is the user's text (made writable) in the same order.
        expect(textOf(read)).toBe(textOf(makeTextInert(tree)));
        for (const value of textsOutsideSpans(read)) expect(value).not.toMatch(conversation ? /\$|@[\w-]|#\d|gh-\d/i : /\$/);
      }),
      { numRuns: Number(process.env.KB_PROPERTY_RUNS ?? 300) },
    );
  });

  it("write each $ as <span>$</span>, and in a conversation each @mention and #1, owner/repo#1, GH-1 reference too, and commit hashes as code", () => {
    const value = "Cost is $\\color{red}{\\huge\\text{PWNED}}$, $$x$$ and $HOME; ask @octocat or @github/security about #1, torvalds/linux#1 and GH-1; mail a@b.co, C# stays";
    const tree: Root = { type: "root", children: [{ type: "paragraph", children: [text(value), { type: "link", url: "https://x.y", children: [text("$5 for @you")] }] }] };
    expect(toMarkdown(tree)).toBe(
      "Cost is <span>$</span>\\color{red}{\\huge\\text{PWNED}}<span>$</span>, <span>$</span><span>$</span>x<span>$</span><span>$</span> and <span>$</span>HOME; ask @octocat or @github/security about #1, torvalds/linux#1 and GH-1; mail `a@b.co,` C# stays[<span>$</span>5 for @you](https://x.y)\n",
    );
    expect(toMarkdown(tree, { conversation: true })).toBe(
      "Cost is <span>$</span>\\color{red}{\\huge\\text{PWNED}}<span>$</span>, <span>$</span><span>$</span>x<span>$</span><span>$</span> and <span>$</span>HOME; ask <span>@</span>octocat or <span>@</span>github/security about <span>#</span>1, torvalds/linux<span>#</span>1 and GH<span>-</span>1; mail `a@b.co,` C# stays[<span>$</span>5 for <span>@</span>you](https://x.y)\n",
    );
    // Commit hashes (7 to 40 hex digits) become code in a conversation, where GitHub would link them; not in views.
    const hashes: Root = { type: "root", children: [{ type: "paragraph", children: [text("Don't use 7f3c9e2 or a5c3785ed8d6a35868bc169f07e40e889087fd2e; deadbeef too, but not abc123 or 7f3c9e2x")] }] };
    expect(toMarkdown(hashes, { conversation: true })).toBe("Don't use `7f3c9e2` or `a5c3785ed8d6a35868bc169f07e40e889087fd2e`; `deadbeef` too, but not abc123 or 7f3c9e2x\n");
    // Next to a spanned @ or # or after dots, a hash would stand alone in the rendered text: code too.
    expect(toMarkdown({ type: "root", children: [{ type: "paragraph", children: [text("user@abc1234def, #1234567 and x...def5678")] }] }, { conversation: true })).toBe(
      "user@`abc1234def`, #`1234567` and x...`def5678`\n",
    );
    expect(toMarkdown(hashes)).toBe("Don't use 7f3c9e2 or a5c3785ed8d6a35868bc169f07e40e889087fd2e; deadbeef too, but not abc123 or 7f3c9e2x\n");
    // Code is literal, so it keeps its `$` as it is.
    expect(toMarkdown({ type: "root", children: [{ type: "paragraph", children: [code("echo $HOME @x #1")] }, { type: "code", lang: "sh", value: "echo $HOME" }] }, { conversation: true })).toBe("`echo $HOME @x #1`\n\n```sh\necho $HOME\n```\n");
  });

  it("leave no link, no control and no lone surrogate in what it writes", () => {
    const inert = makeTextInert({ type: "root", children: [{ type: "paragraph", children: [text("mail a@b.co or see HTTPS://x.io \u001B]8;;x\u0007 \u202E \ud800 \0 end")] }] });
    const markdown = toMarkdown(inert);
    expect(markdown).toContain("`a@b.co`");
    expect(markdown).toContain("`HTTPS://x.io`");
    expect(markdown).toContain("\\u001B]8;;x\\u0007");
    expect(markdown).toContain("\\u202E");
    expect(markdown).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202E\ud800-\udfff]/u);
    expect(JSON.stringify(parseGfm(markdown))).not.toContain('"type":"link"');
  });

  it("show the characters that display as nothing, as terminal output does, even where kb/control-characters is off (pass N F6)", () => {
    const tags = [..."Ignore"].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join("");
    const hidden = `see https\u200B://x.io${tags} line\u2028sep \u2062x soft\u00ADhyphen \u{E0100}`;
    const markdown = toMarkdown(makeTextInert({ type: "root", children: [{ type: "paragraph", children: [text(hidden)] }, { type: "code", lang: null, meta: null, value: hidden }] }));
    expect(markdown).not.toMatch(new RegExp(`[${CONTROL_OR_HIDDEN}]`, "u"));
    expect(markdown).toContain("https\\u200B://x.io\\u{E0049}\\u{E0067}");
    expect(markdown).toContain("\\u2028");
    expect(markdown).toContain("\\u{E0100}");
    expect(JSON.stringify(parseGfm(markdown))).not.toContain('"type":"link"');
  });
});
