# Compiles and runs regexes with Python's re module for error-kb's portability and examples checks.
# Reads {"jobs": [{"pattern", "texts"}], "skip": [flat test indexes], "start": flat index} as JSON on
# stdin; prints one line per compile ("C") and per test ("R"), flushed at once, so the caller can
# tell which test is running when it stops answering and kill the process.
import json
import re
import sys


def main():
    request = json.load(sys.stdin)
    skip = set(request.get("skip", []))
    start = request.get("start", 0)
    flat = 0
    out = sys.stdout
    for job_index, job in enumerate(request["jobs"]):
        texts = job["texts"]
        if flat + len(texts) <= start:
            flat += len(texts)
            continue
        try:
            compiled = re.compile(job["pattern"], re.IGNORECASE)
            out.write("C %d %s\n" % (job_index, json.dumps(None)))
        except (re.error, OverflowError, RecursionError, ValueError) as e:
            pos = getattr(e, "pos", None)
            msg = getattr(e, "msg", None) or str(e)
            out.write("C %d %s\n" % (job_index, json.dumps({"message": msg, "pos": pos})))
            compiled = None
        out.flush()
        for text in texts:
            if flat >= start and compiled is not None:
                if flat in skip:
                    out.write("R %d timeout\n" % flat)
                else:
                    m = compiled.search(text)
                    out.write("R %d %s\n" % (flat, "%d %d" % (m.start(), m.end() - m.start()) if m else "none"))
                out.flush()
            flat += 1


main()
