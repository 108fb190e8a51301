"""Password hashes: Argon2id at OWASP's parameters or stronger, re-hashed at sign-in when they change."""

import pytest
from argon2 import PasswordHasher
from argon2.low_level import Type

from corridor.accounts import passwords
from corridor.errors import CorridorError


def test_passwords_are_argon2id_at_owasp_parameters_or_stronger():
    stored = passwords.hash_password("correct horse battery")
    assert stored.startswith("$argon2id$v=19$")
    params = dict(p.split("=") for p in stored.split("$")[3].split(","))
    assert int(params["m"]) >= 19 * 1024 and int(params["t"]) >= 2 and int(params["p"]) >= 1
    assert passwords.HASHER.type is Type.ID
    assert passwords.verify(stored, "correct horse battery")
    assert not passwords.verify(stored, "correct horse battery ")
    assert not passwords.verify(None, "anything at all")
    assert not passwords.verify("not a hash", "anything at all")


def test_passwords_too_short_are_refused():
    with pytest.raises(CorridorError) as short:
        passwords.hash_password("short")
    assert short.value.code.name == "E611"


def test_passwords_made_with_other_parameters_need_a_new_hash():
    weaker = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash("correct horse battery")
    assert passwords.needs_rehash(weaker)
    assert not passwords.needs_rehash(passwords.hash_password("correct horse battery"))
