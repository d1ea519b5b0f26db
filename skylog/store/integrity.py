"""Integrity checks of the whole database (``skylog check``) and the repair of the search index."""

from __future__ import annotations

import hashlib

from sqlalchemy import func, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError, ProgrammingError

from skylog.store.database import Database
from skylog.store.incident_schema import incident_members
from skylog.store.schema import event_mentions, extractions, metadata, quotes, reports

VERSIONED_TABLES = ("reports", "event_mentions", "incidents", "incident_members", "incident_log")


class IntegrityChecks(Database):
    """The checking part of the store (see :class:`~skylog.store.core.Store`)."""

    def data_state(self) -> dict[str, object]:
        """Row counts of the tables that matter, and a version hash that changes with them
        (a new report, mention, incident, membership or link action)."""
        counts: dict[str, int] = {}
        marks: list[str] = []
        with self.engine.connect() as conn:
            for name in VERSIONED_TABLES:
                table = metadata.tables[name]
                try:
                    n = int(conn.scalar(select(func.count()).select_from(table)) or 0)
                except (OperationalError, ProgrammingError):  # an older schema opened without migrating
                    conn.rollback()
                    continue
                counts[name] = n
                marks.append(f"{name}={n}")
                pk = list(table.primary_key.columns)
                if len(pk) == 1 and pk[0].type.python_type is int:
                    marks.append(str(conn.scalar(select(func.max(pk[0])))))
        version = hashlib.sha1("|".join(marks).encode()).hexdigest()[:16]
        return {"counts": counts, "version": version}

    def check(self) -> list[str]:
        """Integrity problems found (empty when all is well): orphans, FTS sync, SQLite checks."""
        problems: list[str] = []
        with self.engine.connect() as conn:
            for table in (extractions, event_mentions, quotes):
                n = conn.scalar(
                    select(func.count())
                    .select_from(table)
                    .where(~table.c.report_id.in_(select(reports.c.id)))
                )
                if n:
                    problems.append(f"{n} row(s) in {table.name} refer to a missing report")
            n = conn.scalar(
                select(func.count())
                .select_from(reports)
                .where(
                    reports.c.superseded_by.is_not(None),
                    ~reports.c.superseded_by.in_(select(reports.c.id)),
                )
            )
            if n:
                problems.append(f"{n} report(s) superseded by a missing report")
            n = self._unlinked_mentions(conn)
            if n:
                problems.append(
                    f"{n} event mention(s) not linked into incidents (a run stopped before linking?): "
                    "run `skylog link`"
                )
            if self.dialect == "sqlite":
                res = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
                if res != ["ok"]:
                    problems.append("integrity_check: " + "; ".join(map(str, res[:10])))
                fk = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                if fk:
                    problems.append(f"foreign_key_check: {len(fk)} violation(s), first {tuple(fk[0])}")
                try:
                    conn.exec_driver_sql(
                        "INSERT INTO reports_fts(reports_fts, rank) VALUES ('integrity-check', 1)"
                    )
                except Exception as exc:  # raised when the index and the reports differ
                    problems.append(f"full-text index out of sync with reports: {exc.__class__.__name__}")
                n_fts = conn.exec_driver_sql("SELECT count(*) FROM reports_fts").scalar()
                n_rep = conn.scalar(select(func.count()).select_from(reports))
                if n_fts != n_rep:
                    problems.append(f"full-text index has {n_fts} rows for {n_rep} reports")
                conn.rollback()
        return problems

    def _unlinked_mentions(self, conn: Connection) -> int:
        """Mentions of latest report versions that no incident holds (linking never ran on them)."""

        if not inspect(conn).has_table(incident_members.name):
            return 0
        return (
            conn.scalar(
                select(func.count())
                .select_from(event_mentions.join(reports, reports.c.id == event_mentions.c.report_id))
                .where(
                    reports.c.superseded_by.is_(None),
                    event_mentions.c.type.is_not(None),
                    event_mentions.c.type != "",
                    ~event_mentions.c.id.in_(select(incident_members.c.mention_id)),
                )
            )
            or 0
        )

    def rebuild_fts(self) -> None:
        """Rebuild the SQLite full-text index from the reports table (repair for ``check``)."""
        if self.dialect == "sqlite":
            with self.engine.begin() as conn:
                conn.exec_driver_sql("INSERT INTO reports_fts(reports_fts) VALUES ('rebuild')")
