"""Quote records built the same way for every language, so both pipelines agree on a direct quote's fields."""

from __future__ import annotations

from skylog.records import Quote


def direct_quote(
    text: str,
    span: tuple[int, int],
    speaker: str | None,
    role: str | None,
    cue: str | None,
    channel: str | None,
    speaker_span: tuple[int, int] | None,
) -> Quote:
    """A direct (quoted-marks) quote over `span` of `text`; one constructor keeps EN and RU/UK fields identical."""
    return Quote(
        text=text[span[0] : span[1]],
        span=span,
        speaker=speaker,
        role=role,
        cue=cue,
        channel=channel,
        kind="direct",
        speaker_span=speaker_span,
    )
