from brobygger.diplomas.codes import ALPHABET, LENGTH, new_code, normalise


def test_new_codes_use_the_unambiguous_alphabet():
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == LENGTH and set(c) <= set(ALPHABET) for c in codes)


def test_typed_codes_are_normalised():
    assert normalise("abcd-efgh 1jkm") == "ABCDEFGH1JKM"
    # O, I and L are read as 0, 1 and 1.
    assert normalise("ABCD-EFGH-OILM") == "ABCDEFGH011M"


def test_anything_else_is_not_a_code():
    assert normalise("") == ""
    assert normalise("ABCD") == ""
    assert normalise("ABCD-EFGH-JKMN-PQRS") == ""
    assert normalise("ABCD-EFGH-JKMU") == ""  # U is not in the alphabet
    assert normalise("<script>alert(1)</script>") == ""
