"""Turning raw bytes into text, with the checks every reader shares."""

from corridor.errors import Code, CorridorError

# Share of control characters above which a file is taken for binary.
BINARY_CONTROL_SHARE = 0.05


def decode_text(raw: bytes, subject: str, limit: int) -> str:
    """Decode UTF-8 text, refusing what is empty, too large, binary or not UTF-8."""
    if len(raw) > limit:
        raise CorridorError(Code.E105, subject, limit=limit)
    if not raw.strip():
        raise CorridorError(Code.E102, subject)
    if b"\x00" in raw[:8192] or _control_share(raw[:8192]) > BINARY_CONTROL_SHARE:
        raise CorridorError(Code.E103, subject)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorridorError(Code.E104, subject, position=exc.start) from None


def _control_share(chunk: bytes) -> float:
    controls = sum(1 for b in chunk if b < 32 and b not in (9, 10, 12, 13))
    return controls / max(len(chunk), 1)
