"""Chat models are built from settings; misconfiguration gives a Dutch error naming the setting."""

from __future__ import annotations

import pytest

from answer.llm import ChatModel, LLMConfigError, build_chat_model
from handvat.settings import LLMProvider, Settings


def test_no_provider_means_no_model() -> None:
    assert build_chat_model(Settings(llm_provider=LLMProvider.none)) is None


@pytest.mark.parametrize(
    ("settings", "names"),
    [
        (Settings(llm_provider=LLMProvider.openai, llm_model="m"), "HANDVAT_LLM_BASE_URL"),
        (Settings(llm_provider=LLMProvider.openai, llm_base_url="http://localhost:8000/v1"), "HANDVAT_LLM_MODEL"),
        (Settings(llm_provider=LLMProvider.ollama), "HANDVAT_LLM_MODEL"),
    ],
)
def test_missing_settings_are_named(settings: Settings, names: str) -> None:
    with pytest.raises(LLMConfigError, match=names):
        build_chat_model(settings)


def test_openai_compatible_endpoint() -> None:
    pytest.importorskip("langchain_openai", reason="optional extra 'llm' not installed")
    model = build_chat_model(Settings(
        llm_provider=LLMProvider.openai, llm_base_url="http://gateway.local/v1", llm_model="mistral",
        llm_max_tokens=123, llm_timeout_s=7,
    ))
    assert isinstance(model, ChatModel)
    assert model.openai_api_base == "http://gateway.local/v1" and model.model_name == "mistral"
    assert model.max_tokens == 123 and model.request_timeout == 7
    assert not model.extra_body


def test_llamacpp_also_sends_max_tokens() -> None:
    pytest.importorskip("langchain_openai", reason="optional extra 'llm' not installed")
    model = build_chat_model(Settings(llm_provider=LLMProvider.llamacpp, llm_max_tokens=99))
    assert model.openai_api_base == "http://127.0.0.1:8080/v1"
    assert model.extra_body == {"max_tokens": 99}


def test_ollama() -> None:
    pytest.importorskip("langchain_ollama", reason="optional extra 'llm' not installed")
    model = build_chat_model(Settings(llm_provider=LLMProvider.ollama, llm_model="llama3.1", llm_max_tokens=50))
    assert isinstance(model, ChatModel)
    assert model.model == "llama3.1" and model.num_predict == 50 and model.base_url == "http://127.0.0.1:11434"
