"""Searchers over one built generation: lexical (BM25, Dutch analysis), dense (Chroma), and their fusion."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from handvat.settings import Fusion, Settings, get_settings
from index.analyzer import analyze
from index.embedder import Embedder, open_embedder
from index.english import with_dutch_terms
from index.errors import IndexNotBuilt, QueryError
from index.fusion import reciprocal_rank_fusion
from index.hits import Hit
from index.state import StateFiles
from index.vectors import VectorStore, open_client, state_dir
from ingest.passage import Passage

CANDIDATES = 50  # how deep each leg looks before fusion
MAX_K = 100
MAX_QUERY_CHARS = 10_000  # hard limit for derived queries; user input is held to settings.max_question_chars


def validate_query(query: str, k: int, max_chars: int = MAX_QUERY_CHARS) -> str:
    cleaned = " ".join(query.split())
    if not cleaned:
        raise QueryError("De zoekvraag is leeg. Typ een vraag, bijvoorbeeld: \"Wanneer mag de politie gegevens delen?\"")
    if len(cleaned) > max_chars:
        raise QueryError(
            f"De zoekvraag is te lang ({len(cleaned)} tekens; maximaal {max_chars}). "
            "Stel een korte vraag; plak geen hele documenten."
        )
    if not 1 <= k <= MAX_K:
        raise QueryError(f"k moet tussen 1 en {MAX_K} liggen (gekregen: {k}).")
    return cleaned


def lexical_text(passage: Passage) -> str:
    """What BM25 indexes: the passage with where it stands (document, heading path) and its footnotes.

    Naming the document lets a question that names it ("volgens de CCV-factsheet ...") find it; the
    heading path carries the topic of a chunk that does not repeat it. Measured in docs/retrieval.md.
    """
    return " ".join(
        [passage.document_short, passage.document_title, *passage.section_path, passage.text_with_footnotes]
    )


class LexicalSearcher:
    """BM25 (bm25s) over Dutch-analysed passages."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        import bm25s

        self.passages = list(passages)
        self._bm25 = bm25s.BM25()
        corpus = [analyze(lexical_text(p)) or ["_leeg_"] for p in self.passages]
        self._bm25.index(corpus, show_progress=False)
        self._vocab = self._bm25.vocab_dict

    def rank(self, query: str, n: int) -> list[tuple[str, float]]:
        terms = [t for t in analyze(with_dutch_terms(query)) if t in self._vocab]
        if not terms or not self.passages:
            return []
        scores = self._bm25.get_scores(terms)
        n = min(n, len(self.passages))
        top = np.argsort(-scores, kind="stable")[:n]
        return [(self.passages[i].id, float(scores[i])) for i in top if scores[i] > 0]

    def search(self, query: str, k: int = 8) -> list[Hit]:
        query = validate_query(query, k)
        return _hits(self.rank(query, k), {p.id: p for p in self.passages})


class DenseSearcher:
    """Cosine similarity over the generation's Chroma collection."""

    def __init__(self, passages: Sequence[Passage], collection, embedder: Embedder) -> None:
        self.passages = list(passages)
        self._by_id = {p.id: p for p in self.passages}
        self._collection = collection
        self._embedder = embedder

    def rank(self, query: str, n: int) -> list[tuple[str, float]]:
        vector = self._embedder.embed([query])[0]
        return [(pid, s) for pid, s in VectorStore.query(self._collection, vector, n) if pid in self._by_id]

    def search(self, query: str, k: int = 8) -> list[Hit]:
        query = validate_query(query, k)
        return _hits(self.rank(query, k), self._by_id)


class HybridSearcher:
    """Lexical and dense rankings fused with weighted reciprocal rank fusion."""

    def __init__(self, lexical: LexicalSearcher, dense: DenseSearcher, weights: tuple[float, float]) -> None:
        self.lexical = lexical
        self.dense = dense
        self.weights = weights
        self._by_id = {p.id: p for p in lexical.passages}

    def search(self, query: str, k: int = 8) -> list[Hit]:
        query = validate_query(query, k)
        lexical = [pid for pid, _ in self.lexical.rank(query, CANDIDATES)]
        dense = [pid for pid, _ in self.dense.rank(query, CANDIDATES)]
        fused = reciprocal_rank_fusion([lexical, dense], list(self.weights))
        return _hits(fused[:k], self._by_id)


def _hits(ranked: list[tuple[str, float]], by_id: dict[str, Passage]) -> list[Hit]:
    return [Hit(passage=by_id[pid], score=score, rank=n) for n, (pid, score) in enumerate(ranked, start=1)]


class LoadedIndex:
    """The live generation: its passages, table of contents, and vector collection."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.files = StateFiles(state_dir(settings.data_dir, settings.chroma_url))
        state = self.files.read_state()
        if state is None:
            raise IndexNotBuilt(str(self.files.root))
        self.state = state
        self.passages = self.files.read_passages(state.generation)
        self._collection = None

    def toc(self):
        return self.files.read_toc(self.state.generation)

    def collection(self):
        if self._collection is None:
            store = VectorStore(open_client(self.settings.data_dir, self.settings.chroma_url))
            self._collection = store.get(self.state.generation)
        return self._collection


HYBRID_WEIGHTS = (1.0, 0.2)  # lexical, dense: chosen with bench/tune_fusion.py (docs/retrieval.md)


def open_searcher(
    settings: Settings | None = None,
    mode: Fusion | str | None = None,
    *,
    embedder: Embedder | None = None,
):
    """Open the live index for searching. `mode`: rrf (hybrid, default), lexical or dense."""
    settings = settings or get_settings()
    mode = Fusion(mode or settings.fusion)
    loaded = LoadedIndex(settings)
    lexical = LexicalSearcher(loaded.passages) if mode != Fusion.dense else None
    if mode == Fusion.lexical:
        return lexical
    if embedder is None:
        embedder = open_embedder(loaded.state.config.embedder, settings.data_dir / "models")
    dense = DenseSearcher(loaded.passages, loaded.collection(), embedder)
    if mode == Fusion.dense:
        return dense
    return HybridSearcher(lexical, dense, HYBRID_WEIGHTS)
