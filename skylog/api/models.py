"""Response models of the HTTP API: every field the API returns, described in the OpenAPI schema.

The models document and check the responses; they allow extra fields
(``extra="allow"``), so a field a newer stage adds (the linker's member
evidence, say) still reaches the client before it is described here.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorBody(_Open):
    """Every 4xx answer."""

    error: str = Field(description="what is wrong, in one line")
    detail: Any = Field(None, description="structured detail: allowed values, per-parameter problems")


class ReportHeader(_Open):
    """A stored report without its text."""

    id: str = Field(description="stable report id (source + normalised text)")
    source: str | None = Field(None, description="the outlet or channel that published it (the carrier)")
    source_kind: str | None = Field(None, description="official, media, ngo, social or unknown")
    title: str | None = Field(None, description="headline or title, when the input had one")
    url: str | None = Field(None, description="where it was published")
    language: str | None = Field(None, description="ISO 639-1 language detected or given (en, ru, uk, ...)")
    published_at: str | None = Field(None, description="publication time, ISO 8601, null when unknown")
    text_length: int | None = Field(None, description="length of the stored text in characters")
    version: int | None = Field(None, description="1, or higher for a later edit of the same post")
    snippet: str | None = Field(None, description="full-text search: the matching passage")


class ReportList(_Open):
    reports: list[ReportHeader] = Field(description="reports, newest first, or the best matches of q")


class Highlight(_Open):
    start: int = Field(description="start offset of the evidence span in the report text")
    end: int = Field(description="end offset (exclusive)")
    field: str = Field(description="the incident field the span supports (count, killed, places, event, ...)")
    value: Any = Field(None, description="the claimed value")
    claimant: str | None = Field(None, description="who made the claim")
    hedge: str | None = Field(None, description="asserted, likely, alleged or denied")


class ReportFull(ReportHeader):
    """A report with its text (cut at 200,000 characters for display)."""

    author: str | None = Field(None, description="author or byline, when given")
    origin: str | None = Field(
        None, description="the input it came from: a file name (never a server path), a URL or 'api'"
    )
    fetched_at: str | None = Field(None, description="when skylog fetched it (URLs and feeds)")
    truncated: bool | None = Field(None, description="true when text was cut for display")
    text: str | None = Field(None, description="the report text; offsets of spans index it")
    extraction: Any = Field(None, description="the stored extraction: events, quotes, spans, warnings")
    highlights: list[Highlight] | None = Field(
        None, description="incident detail: evidence spans in this text"
    )


class PlaceOut(_Open):
    name: str | None = Field(None, description="the most specific place named")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    admin1: str | None = Field(None, description="first-level unit (oblast, region)")
    admin1_code: str | None = Field(None, description="ISO 3166-2 code of admin1")
    admin2: str | None = Field(None, description="second-level unit (district, raion)")
    lat: float | None = Field(None, description="latitude (WGS 84)")
    lon: float | None = Field(None, description="longitude (WGS 84)")
    precision: int | None = Field(None, description="ACLED geo precision: 1 place, 2 near/district, 3 region")


class Summary(_Open):
    """The fields the map, timeline and list use, read the same way as the exports."""

    id: str | None = Field(None, description="incident id")
    type: str | None = Field(None, description="skylog event type")
    grade: str | None = Field(None, description="corroboration grade")
    grade_label: str | None = Field(None, description="the grade in words")
    start: str | None = Field(None, description="start of the time window, ISO 8601")
    end: str | None = Field(None, description="end of the time window, ISO 8601")
    date: str | None = Field(None, description="day of start (YYYY-MM-DD)")
    precision: str | None = Field(None, description="hour, day, week, month or unknown")
    lat: float | None = Field(None, description="latitude")
    lon: float | None = Field(None, description="longitude")
    geo_precision: int | None = Field(None, description="ACLED geo precision 1-3")
    place: str | None = Field(None, description="place name")
    admin1: str | None = Field(None, description="region")
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    count: Any = Field(None, description="weapons involved (interceptions: shot down), resolved")
    killed: Any = Field(None, description="killed, lowest asserted figure")
    injured: Any = Field(None, description="injured, lowest asserted figure")
    n_sources: int | None = Field(None, description="independent sources")
    conflicts: list[str] | None = Field(None, description="fields whose claims disagree")


class Incident(_Open):
    """One incident as the list returns it."""

    id: str = Field(description="incident id (stable across re-linking)")
    type: str | None = Field(
        None, description="interception, drone_strike, missile_strike, air_strike, shelling or debris_fall"
    )
    acled_sub_event: str | None = Field(None, description="ACLED sub-event type of the type")
    start: str | None = Field(None, description="resolved start of the time window, ISO 8601 (null: unknown)")
    end: str | None = Field(None, description="end of the window; alone: at or before the first report")
    time_precision: str | None = Field(None, description="hour, day, week, month or unknown")
    sort_time: str | None = Field(None, description="start, else the first report's time: the list's order")
    place: PlaceOut | None = Field(None, description="the main place")
    grade: str | None = Field(
        None, description="single_source, several_sources_one_side, independently_confirmed or contested"
    )
    grade_label: str | None = Field(None, description="the grade in words")
    n_mentions: int | None = Field(None, description="event mentions linked into it")
    n_reports: int | None = Field(None, description="reports that describe it")
    n_sources: int | None = Field(None, description="independent sources (copies of one text count once)")
    count: Any = Field(None, description="weapons involved (interceptions: shot down), most widely reported")
    killed: Any = Field(None, description="killed, lowest asserted figure (ACLED's rule)")
    killed_low: Any = Field(None, description="lowest killed figure claimed")
    killed_high: Any = Field(None, description="highest killed figure claimed")
    injured: Any = Field(None, description="injured, lowest asserted figure")
    conflicts: list[str] | None = Field(None, description="fields whose claims disagree")
    updated_at: str | None = Field(None, description="when the incident last changed")
    claimant: str | None = Field(
        None, description="the person or body that made the statement (governor, ministry, air force)"
    )
    claimant_role: str | None = Field(None, description="the claimant's role as the report gives it")
    carrier: str | None = Field(None, description="the outlet or channel that published it")
    summary: Summary | None = Field(None, description="map/list fields read as the exports read them")


class IncidentPage(_Open):
    incidents: list[Incident] = Field(description="one page of incidents, newest first")
    next_cursor: str | None = Field(None, description="pass as cursor for the next page; null on the last")
    count: int = Field(description="incidents on this page (the page size)")
    total: int | None = Field(
        None, description="incidents matching the filters in all pages (null when too many to count here)"
    )


class IncidentDetail(Incident):
    """One incident with every claim, its members, log and source texts."""

    types: Any = Field(None, description="mention types and how many of each")
    grade_reason: str | None = Field(None, description="why this grade")
    fields: Any = Field(
        None,
        description="per field (count, killed, perpetrator, places, time, ...): resolved value and every "
        "claim (value, claimant, hedge, report id, source, spans, evidence sentence)",
    )
    sources: Any = Field(None, description="independent source groups: names, kinds, origin, reports")
    field_confidence: dict[str, float] | None = Field(
        None, description="per field (type, place, count, killed, ...): P(value right), best member report"
    )
    low_confidence: list[str] | None = Field(None, description="fields every member report marked low")
    members: Any = Field(None, description="member mentions with their report, source and spans")
    log: Any = Field(None, description="linking history: joins, merges, splits")
    reports: list[ReportFull] | None = Field(None, description="the source reports with evidence highlights")


class Day(_Open):
    day: str = Field(description="YYYY-MM-DD (UTC)")
    count: int = Field(description="incidents starting that day")


class Timeline(_Open):
    days: list[Day] = Field(description="days with at least one dated incident")
    total: int = Field(description="dated incidents in all days")


class SourceOut(_Open):
    name: str | None = Field(None, description="outlet or channel")
    kind: str | None = Field(None, description="official, media, ngo, social or unknown")
    reports: int = Field(description="reports stored from it (latest versions)")
    first_published: str | None = Field(None, description="earliest publication time")
    last_published: str | None = Field(None, description="latest publication time")


class SourceList(_Open):
    sources: list[SourceOut] = Field(description="every source, most reports first")


class Status(_Open):
    counts: dict[str, int] = Field(description="rows per table (reports, event_mentions, incidents, ...)")
    version: str = Field(description="changes whenever reports or incidents change (for polling)")


class IngestSummary(_Open):
    """What an ingest did (the CLI's ``ingest --json`` summary)."""

    new: Any = Field(None, description="ids of reports stored for the first time")
    duplicate: Any = Field(None, description="ids already stored")
    updated: Any = Field(None, description="ids of new versions of stored posts")
    failed: Any = Field(None, description="inputs that failed, with the reason")
    extracted: Any = Field(None, description="reports extracted")
    mentions: Any = Field(None, description="event mentions found")
    warnings: Any = Field(None, description="warnings")


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "a parameter is invalid or unknown"},
    401: {"model": ErrorBody, "description": "a token is required"},
}
