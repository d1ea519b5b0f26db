"""Peak memory (RSS) of skylog's readers on big single inputs, up to the limits.

    python bench/peak_memory.py [WORKDIR]

Builds the inputs in WORKDIR (default: a temporary folder; about 2.6 GB of disk, the
2 GiB files are sparse) and runs each reader in its own process under
``/usr/bin/time -v`` (apt install time), printing input, peak RSS and wall time.
Language detection is stubbed so that the reader itself is measured. Takes a minute or two:
too slow for ``skylog bench --quick``, hence a script.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

READER = """
import sys
import skylog.ingest.common as c
c.detect_language = lambda text: "en"
from skylog.ingest import IngestOptions, ingest_input
from skylog.ingest.inputs import iter_input_files
# count the items without keeping them: the figure is the reader's memory, not a list's
if sys.argv[1] == "extract":
    items = iter_input_files([sys.argv[2]])
else:
    items = ingest_input(sys.argv[2], IngestOptions(max_archive_bytes=512_000_000))
print(sum(1 for _ in items))
"""


def build(work: Path) -> dict[str, tuple[str, Path]]:
    work.mkdir(parents=True, exist_ok=True)
    endless = work / "endless.jsonl"  # 2 GiB, no newline: one endless line
    with endless.open("wb") as fh:
        fh.truncate(2 * 1024**3)
    big = work / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(2 * 1024**3)
    export = work / "result.json"  # a 498 MB Telegram export (under the 512 MB cap), 1.2 million messages
    msg = {"id": 0, "type": "message", "date": "2024-05-01T10:00:00", "date_unixtime": "1714557600",
           "text": "Air defence destroyed five drones over the region overnight. " * 4}  # fmt: skip
    with export.open("w", encoding="utf-8") as fh:
        fh.write('{"name": "T", "id": 1, "type": "public_channel", "messages": [')
        n = 0
        while fh.tell() < 498_000_000:
            msg["id"] = n
            fh.write(("," if n else "") + json.dumps(msg))
            n += 1
        fh.write("]}")
    return {
        "JSON Lines, 2 GiB without a newline": ("ingest", endless),
        "Telegram result.json, 498 MB": ("ingest", export),
        "skylog extract, 2 GiB file": ("extract", big),
    }


def main() -> None:
    work = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="skylog-rss-"))
    for label, (mode, path) in build(work).items():
        out = subprocess.run(
            ["/usr/bin/time", "-v", sys.executable, "-c", READER, mode, str(path)],
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.stderr)
        wall = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", out.stderr)
        mb = int(rss.group(1)) / 1024 if rss else float("nan")
        print(f"{label:40s} peak RSS {mb:8.1f} MB   wall {wall.group(1) if wall else '?'}")


if __name__ == "__main__":
    main()
