"""Password hashes: Argon2id at OWASP's parameters, re-hashed at sign-in when the parameters change."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from corridor.errors import Code, CorridorError

# OWASP's Password Storage Cheat Sheet: Argon2id with at least 19 MiB of memory, 2 iterations and
# one lane. About 30 ms a hash on a 2-core laptop: slow for an attacker with a copy of the table,
# quick for a person signing in.
MEMORY_KIB = 19 * 1024
TIME_COST = 2
PARALLELISM = 1
MIN_LENGTH = 10  # NIST SP 800-63B asks for 8 at least; a passphrase is better
HASHER = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=PARALLELISM)
# Verified against when the e-mail address is unknown, so a wrong address takes as long as a wrong password.
_DUMMY = HASHER.hash("not a password of anyone")


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise CorridorError(Code.E611, n=MIN_LENGTH)


def hash_password(password: str) -> str:
    check_strength(password)
    return HASHER.hash(password)


def verify(stored: str | None, password: str) -> bool:
    try:
        return HASHER.verify(stored or _DUMMY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """True when the hash was made with other parameters than today's (stronger or weaker)."""
    try:
        return HASHER.check_needs_rehash(stored)
    except InvalidHashError:
        return True
