"""Verification codes: unguessable, bound to the content; forged or altered codes fail."""

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from pembina.learning.rules import certificates as cert
from pembina.learning.rules import files

KEY = b"k" * 32
PAYLOAD = {"number": "PMB/2025/00001/000001", "nip": "198503142010011001", "name": "Budi", "jp": "24.0"}


def test_a_code_checks_against_its_payload_only():
    code = cert.make_code(KEY, PAYLOAD)
    assert len(code) == cert.CODE_CHARS
    assert cert.check(KEY, code, PAYLOAD)
    assert cert.check(KEY, cert.display(code), PAYLOAD)  # dashes are fine
    assert cert.check(KEY, cert.display(code).lower(), PAYLOAD)
    assert not cert.check(KEY, code, {**PAYLOAD, "jp": "32.0"})  # altered content
    assert not cert.check(b"x" * 32, code, PAYLOAD)  # forged with another key
    assert not cert.check(KEY, "", PAYLOAD)
    assert not cert.check(KEY, "not a code", PAYLOAD)
    assert cert.make_code(KEY, PAYLOAD) != code  # a fresh nonce each time


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=cert.CODE_CHARS - 1), st.sampled_from(cert.ALPHABET))
def test_changing_any_character_breaks_the_code(position, replacement):
    code = cert.make_code(KEY, PAYLOAD, nonce="0123456789ABCDEF")
    if code[position] == replacement:
        return
    forged = code[:position] + replacement + code[position + 1 :]
    assert not cert.check(KEY, forged, PAYLOAD)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=string.ascii_uppercase + string.digits + "-", max_size=40))
def test_random_strings_do_not_verify(guess):
    assert not cert.check(KEY, guess, PAYLOAD)


def test_look_alike_characters_are_normalised():
    code = cert.make_code(KEY, PAYLOAD, nonce="0000111100001111")
    assert cert.normalise(code.replace("0", "O").replace("1", "I")) == code


def test_evidence_files_are_judged_by_content():
    import io

    assert files.check(io.BytesIO(b"%PDF-1.7\n...")) == "pdf"
    assert files.check(io.BytesIO(b"\x89PNG\r\n\x1a\n....")) == "png"
    assert files.check(io.BytesIO(b"\xff\xd8\xff\xe0....")) == "jpg"
    for bad in (b"<html><script>", b"MZ\x90\x00", b""):
        try:
            files.check(io.BytesIO(bad))
        except files.EvidenceFileError:
            pass
        else:
            raise AssertionError(bad)
    big = io.BytesIO(b"%PDF-" + b"0" * 100)
    try:
        files.check(big, max_bytes=50)
    except files.EvidenceFileError as exc:
        assert "terlalu besar" in str(exc)
    else:
        raise AssertionError("size not checked")
