import pytest

from index.english import dutch_terms, is_english, with_dutch_terms


@pytest.mark.parametrize(
    ("question", "english"),
    [
        ("Can the police share data with the mayor without consent?", True),
        ("Mag de politie gegevens delen met de burgemeester?", False),
        ("Wpg art. 20", False),
    ],
)
def test_is_english(question, english):
    assert is_english(question) is english


def test_longest_phrase_wins_and_parts_are_not_repeated():
    assert dutch_terms("Is a case conference allowed to see health data?") == [
        "casusoverleg", "gezondheidsgegevens", "mag toegestaan",
    ]


def test_expansion_is_idempotent_and_leaves_dutch_alone():
    question = "Should partners sign a confidentiality statement?"
    once = with_dutch_terms(question)
    assert "geheimhoudingsverklaring" in once and with_dutch_terms(once) == once
    assert with_dutch_terms("Mag de GGD melden?") == "Mag de GGD melden?"
