"""The catalogue of user-facing errors. Every code is stable: the CLI, the API and logs show it."""

from enum import StrEnum


class Code(StrEnum):
    """Stable error codes with their message templates."""

    E101 = "Unsupported file type {suffix!r}: expected .txt, .md, .html, .htm, .json, .jsonl, .jsonl.gz, .xml, .rss, .atom"
    E102 = "File is empty"
    E103 = "File is binary, not text"
    E104 = "File is not valid UTF-8 text (byte {position})"
    E105 = "File is larger than the limit of {limit} bytes"
    E106 = "No article text could be found"
    E107 = "Malformed JSON: {detail}"
    E108 = "Malformed feed: {detail}"
    E109 = "Could not fetch {url}: {detail}"
    E110 = "No such file or directory"
    E199 = "Unexpected error, this input skipped: {detail}"
    E201 = "Gold file is malformed at line {line}: {detail}"
    E301 = "Unknown event {event_id!r}"
    E302 = "Unknown actor {actor_id!r}"
    E303 = "Unknown document {doc_id!r}"
    E304 = "Invalid filter {name!r}: {detail}"
    E401 = "Database is not initialised or not reachable: {detail}"
    E501 = "Unknown forum {forum!r}"
    E502 = "Several forums exist; choose one with --forum: {choices}"
    E503 = "No forum in the store; import a forum file first"
    E504 = "Unknown participant {who!r}"
    E505 = "Unknown meeting request {request!r}"
    E506 = "A request cannot go from {old!r} to {new!r}"
    E507 = "A {status!r} request cannot be edited; only pending or accepted ones can"
    E508 = "Row {row}: {detail}"
    E509 = "Unsupported forum file {name!r}: expected .csv or .xlsx, or a folder of them"
    E510 = "Missing column {column!r} in {sheet}"
    E511 = "Unknown time zone {tz!r}"
    E512 = "Invalid forum definition: {detail}"
    E513 = "A participant cannot request a meeting with their own delegation ({who})"
    E514 = "Cannot read {name!r}: {detail}"


class CorridorError(Exception):
    """An error a user can act on, carrying a stable code and the input it concerns."""

    def __init__(self, code: Code, subject: str | None = None, **params: object) -> None:
        self.code = code
        self.subject = subject
        self.message = code.value.format(**params)
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.subject}: " if self.subject else ""
        return f"[{self.code.name}] {where}{self.message}"

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code.name, "subject": self.subject, "message": self.message}


def unexpected(subject: str, exc: BaseException) -> CorridorError:
    """An error no check foresaw, reported for its input so the rest of a batch goes on."""
    detail = f"{type(exc).__name__}: {str(exc)[:200]}" if str(exc) else type(exc).__name__
    return CorridorError(Code.E199, subject, detail=detail)
