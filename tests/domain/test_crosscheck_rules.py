"""Cross-checking vocabulary: verdict suggestions, labels, symbols and stored ids."""

import itertools

import pytest

from desktop.domain.crosscheck import Relation, Stance, Trust, Verdict, suggest_verdict

S, C, X, U = Stance.SUPPORTS, Stance.CONTRADICTS, Stance.CONTEXT, Stance.UNCLEAR


# -- suggest_verdict ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("stances", "expected"),
    [
        ([], None),
        ([X], None),
        ([U], None),
        ([X, U, X, U], None),
        ([S], Verdict.SUPPORTED),
        ([S, S, S], Verdict.SUPPORTED),
        ([S, X], Verdict.SUPPORTED),
        ([U, S], Verdict.SUPPORTED),
        ([X, U, S], Verdict.SUPPORTED),
        ([C], Verdict.DISPUTED),
        ([C, C], Verdict.DISPUTED),
        ([S, C], Verdict.DISPUTED),
        ([C, S], Verdict.DISPUTED),
        ([S, S, S, S, C], Verdict.DISPUTED),
        ([X, C], Verdict.DISPUTED),
        ([U, X, C, U], Verdict.DISPUTED),
        ([S, X, U, C], Verdict.DISPUTED),
    ],
    ids=lambda v: ("-".join(s.value for s in v) or "none") if isinstance(v, list) else str(v),
)
def test_suggest_verdict_rules(stances, expected):
    result = suggest_verdict(stances)
    assert result is expected
    assert suggest_verdict(reversed(stances)) is expected  # order never matters


@pytest.mark.parametrize("size", [0, 1, 2, 3, 4])
def test_suggest_verdict_every_combination(size):
    for combo in itertools.product(list(Stance), repeat=size):
        result = suggest_verdict(combo)
        if C in combo:
            assert result is Verdict.DISPUTED, combo
        elif S in combo:
            assert result is Verdict.SUPPORTED, combo
        else:
            assert result is None, combo


def test_suggest_verdict_accepts_a_one_shot_iterable():
    assert suggest_verdict(s for s in [S, X, C]) is Verdict.DISPUTED
    assert suggest_verdict(iter([X, S])) is Verdict.SUPPORTED
    assert suggest_verdict(iter(())) is None


def test_suggest_verdict_accepts_stored_string_values():
    # Stances are StrEnums: the ids read from a file compare equal to the members.
    assert suggest_verdict(["supports", "context"]) is Verdict.SUPPORTED
    assert suggest_verdict(["supports", "contradicts"]) is Verdict.DISPUTED


def test_suggest_verdict_never_suggests_a_judgement_only_a_reader_can_make():
    results = {
        suggest_verdict(combo)
        for size in range(4)
        for combo in itertools.product(list(Stance), repeat=size)
    }
    assert results == {None, Verdict.SUPPORTED, Verdict.DISPUTED}


# -- Verdict.is_checked ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("verdict", "checked"),
    [
        (Verdict.UNVERIFIED, False),
        (Verdict.SUPPORTED, True),
        (Verdict.DISPUTED, True),
        (Verdict.FALSE, True),
        (Verdict.MISLEADING, True),
        (Verdict.OPINION, True),
    ],
)
def test_verdict_is_checked(verdict, checked):
    assert verdict.is_checked is checked


def test_is_checked_covers_every_verdict():
    assert [v for v in Verdict if not v.is_checked] == [Verdict.UNVERIFIED]
    assert Verdict("unverified").is_checked is False


# -- stored ids -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("kind", "values"),
    [
        (Stance, ["supports", "contradicts", "context", "unclear"]),
        (Verdict, ["unverified", "supported", "disputed", "false", "misleading", "opinion"]),
        (Relation, ["same-claim", "contradicts", "elaborates", "see-also"]),
        (Trust, ["unknown", "low", "mixed", "high"]),
    ],
    ids=lambda v: v.__name__ if isinstance(v, type) else "values",
)
def test_stored_ids_are_stable(kind, values):
    # These strings are written into study files; renaming one breaks old files.
    assert [m.value for m in kind] == values
    for value in values:
        member = kind(value)
        assert member == value
        assert str(member) == value
        assert f"{member}" == value


# -- labels and symbols ---------------------------------------------------------------------

ALL_MEMBERS = [*Stance, *Verdict, *Relation, *Trust]
SYMBOL_MEMBERS = [*Stance, *Verdict]


def member_id(m):
    return f"{type(m).__name__}.{m.name}"


@pytest.mark.parametrize("member", ALL_MEMBERS, ids=member_id)
def test_every_member_has_a_label(member):
    label = member.label
    assert isinstance(label, str)
    assert label.strip() == label
    assert label


@pytest.mark.parametrize("member", SYMBOL_MEMBERS, ids=member_id)
def test_every_stance_and_verdict_has_a_symbol(member):
    symbol = member.symbol
    assert isinstance(symbol, str)
    assert symbol.strip() == symbol
    assert symbol
    assert symbol != member.label
    assert len(symbol) <= 2  # a glyph, not a word
    assert not symbol.isalnum()  # a sign, not a letter or digit


@pytest.mark.parametrize("kind", [Stance, Verdict, Relation, Trust], ids=lambda k: k.__name__)
def test_labels_tell_members_apart(kind):
    labels = [m.label for m in kind]
    assert len(set(labels)) == len(labels)
    assert len({label.casefold() for label in labels}) == len(labels)


@pytest.mark.parametrize("kind", [Stance, Verdict], ids=lambda k: k.__name__)
def test_symbols_tell_members_apart(kind):
    # Meaning must never depend on colour alone: each symbol is unique within its kind.
    symbols = [m.symbol for m in kind]
    assert len(set(symbols)) == len(symbols)


@pytest.mark.parametrize(
    ("member", "label"),
    [
        (Stance.SUPPORTS, "supports"),
        (Stance.CONTRADICTS, "contradicts"),
        (Stance.CONTEXT, "adds context"),
        (Stance.UNCLEAR, "unclear"),
        (Verdict.UNVERIFIED, "Unverified"),
        (Verdict.SUPPORTED, "Supported"),
        (Verdict.DISPUTED, "Disputed"),
        (Verdict.FALSE, "False"),
        (Verdict.MISLEADING, "Misleading"),
        (Verdict.OPINION, "Opinion — not checkable"),
    ],
    ids=lambda v: member_id(v) if isinstance(v, Stance | Verdict) else None,
)
def test_stance_and_verdict_labels(member, label):
    assert member.label == label


def test_support_and_contradiction_symbols_differ_from_neutral_ones():
    # The two stances that drive a suggested verdict must never look like the others.
    neutral = {Stance.CONTEXT.symbol, Stance.UNCLEAR.symbol}
    assert Stance.SUPPORTS.symbol not in neutral
    assert Stance.CONTRADICTS.symbol not in neutral
    assert Verdict.UNVERIFIED.symbol not in {v.symbol for v in Verdict if v.is_checked}


@pytest.mark.parametrize(
    ("member", "label"),
    [
        (Relation.SAME_CLAIM, "same claim"),
        (Relation.CONTRADICTS, "contradicts"),
        (Relation.ELABORATES, "elaborates"),
        (Relation.SEE_ALSO, "see also"),
        (Trust.UNKNOWN, "Not assessed"),
        (Trust.LOW, "Low"),
        (Trust.MIXED, "Mixed"),
        (Trust.HIGH, "High"),
    ],
    ids=lambda v: member_id(v) if isinstance(v, Relation | Trust) else None,
)
def test_relation_and_trust_labels(member, label):
    assert member.label == label


def test_label_does_not_depend_on_how_the_member_was_obtained():
    assert Trust("mixed").label == Trust.MIXED.label == "Mixed"
    assert Relation("see-also").label == "see also"
    assert Verdict("opinion").symbol == Verdict.OPINION.symbol
    assert Stance("unclear").symbol == Stance.UNCLEAR.symbol
