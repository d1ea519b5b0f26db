"""One way for tests to read a Russian/Ukrainian post through the pipeline: the events of a report published at a
given time (each test module keeps its own publication time, which anchors the post's weekdays and nights)."""

from __future__ import annotations

from datetime import datetime

from skylog.ingest.common import make_report


def post_events(pipe, text: str, lang: str, published: datetime) -> list[dict]:
    return pipe(make_report(text, published_at=published, language=lang)).to_dict()["events"]
