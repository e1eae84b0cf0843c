"""One typed settings object for the whole product (env vars ``HANDVAT_*``)."""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Fusion(StrEnum):
    """How lexical and dense rankings are combined."""

    rrf = "rrf"
    lexical = "lexical"
    dense = "dense"


class LLMProvider(StrEnum):
    none = "none"
    openai = "openai"  # any OpenAI-compatible endpoint (vLLM, TGI, llama.cpp server, gateway)
    ollama = "ollama"
    llamacpp = "llamacpp"  # local GGUF behind llama.cpp's OpenAI-compatible server (llama_cpp.server)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HANDVAT_", extra="ignore")

    corpus_dir: Path = Field(default=PROJECT_ROOT / "corpus", description="Folder with source documents")
    data_dir: Path = Field(default=PROJECT_ROOT / "data", description="Index and caches")
    chroma_url: str | None = Field(default=None, description="http://host:port of a Chroma server")
    embedder: str = Field(
        default="packaged:all-MiniLM-L6-v2",
        description="'packaged:all-MiniLM-L6-v2' (offline default) or a local model directory",
    )
    chunk_max_chars: int = Field(default=1200, ge=200, le=8000)
    top_k: int = Field(default=8, ge=1, le=100)
    fusion: Fusion = Fusion.rrf

    llm_provider: LLMProvider = LLMProvider.none
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_timeout_s: float = 60.0
    llm_temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    llm_max_tokens: int = Field(default=400, ge=16, le=8192, description="Max tokens the model may generate")
    llm_max_passages: int = Field(default=6, ge=1, le=20, description="Passages given to the model")
    llm_passage_chars: int = Field(default=1200, ge=200, le=8000, description="Max chars per prompt passage")
    llm_min_support: float = Field(
        default=0.5, ge=0.0, le=1.0, description="Min share of a sentence's content words in its sources"
    )
    llm_min_kept_share: float = Field(
        default=0.5, ge=0.0, le=1.0, description="Fall back when fewer generated sentences survive validation"
    )

    max_question_chars: int = Field(default=2000, ge=10)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
