// The consumer package compiles the modules lookup/index.ts reaches; this keeps that set worked out and
// closed in the fast tier (a hand-kept list once left out match/answer-shape.ts and only the system
// tier's pack noticed).
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { libraryFiles } from "../../scripts/package/pack-consumer.ts";
import { ROOT } from "../helpers/repo.ts";

describe("the consumer library", () => {
  const files = libraryFiles();

  it("holds every module its modules import, and only lookup/, match/, model/ and the bounded reader", () => {
    expect(files).toEqual(expect.arrayContaining(["lookup/index.ts", "match/matcher.ts", "match/answer-shape.ts", "model/entry.ts", "source/read-file.ts"]));
    for (const file of files) {
      expect(file).toMatch(/^(?:(?:lookup|match|model)\/|source\/read-file\.ts$)/);
      const { importedFiles } = ts.preProcessFile(readFileSync(path.join(ROOT, "scripts", file), "utf8"), true, true);
      for (const { fileName } of importedFiles.filter((i) => i.fileName.startsWith("."))) {
        expect(files, `${file} imports ${fileName}`).toContain(path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName)));
      }
    }
  });
});
