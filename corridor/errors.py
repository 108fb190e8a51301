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
    E111 = "Refused to fetch {url}: {detail}"
    E199 = "Unexpected error, this input skipped: {detail}"
    E201 = "Gold file is malformed at line {line}: {detail}"
    E301 = "Unknown event {event_id!r}"
    E302 = "Unknown actor {actor_id!r}"
    E303 = "Unknown document {doc_id!r}"
    E304 = "Invalid filter {name!r}: {detail}"
    E401 = "Database is not initialised or not reachable: {detail}"
    E402 = "The store could not complete the request; the server log has the details"
    E403 = "Something went wrong on the server; the server log has the details"
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
    E515 = "Participants may {detail}"
    E601 = "Sign in to continue"
    E602 = "You may not {action}"
    E603 = "Wrong e-mail address or password"
    E604 = "Too many failed sign-ins; try again in {minutes} minutes"
    E605 = "Refused: the request did not come from this site ({detail})"
    E606 = "Unknown host {host!r}"
    E607 = "This link is invalid or has expired"
    E608 = "Unknown user {who!r}"
    E609 = "Unknown organisation {org!r}"
    E610 = "Invalid or revoked API token"
    E611 = "A password needs at least {n} characters"
    E612 = "{what} exists already"
    E613 = "This API token may only read"
    E614 = "No mail server is configured (CORRIDOR_SMTP_HOST)"
    E615 = "Invalid value for {field}: {detail}"
    E616 = "Unknown API token {token_id!r}"
    E701 = "Invalid correction of {field}: {detail}"
    E702 = "Events cannot be merged: {detail}"
    E703 = "An event can be split only into sources it has: {detail}"
    E704 = "Unknown place {name!r}"
    E705 = "Actors cannot be merged: {detail}"


# The HTTP status of each code the web app can answer with; any other code is a 400.
STATUS: dict[Code, int] = {
    Code.E301: 404, Code.E302: 404, Code.E303: 404, Code.E501: 404, Code.E503: 404, Code.E504: 404,
    Code.E505: 404, Code.E401: 503, Code.E402: 503, Code.E403: 500, Code.E515: 403, Code.E601: 401,
    Code.E602: 403, Code.E603: 401, Code.E604: 429, Code.E605: 403, Code.E607: 410, Code.E608: 404,
    Code.E609: 404, Code.E610: 401, Code.E613: 403, Code.E616: 404,
}


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

    @property
    def status(self) -> int:
        return STATUS.get(self.code, 400)

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code.name, "subject": self.subject, "message": self.message}


def unexpected(subject: str, exc: BaseException) -> CorridorError:
    """An error no check foresaw, reported for its input so the rest of a batch goes on."""
    detail = f"{type(exc).__name__}: {str(exc)[:200]}" if str(exc) else type(exc).__name__
    return CorridorError(Code.E199, subject, detail=detail)
