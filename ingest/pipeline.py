"""Source files -> cleaned, structured passages with a table of contents.

`discover` lists the corpus files, `ingest_document` turns one file into passages, `ingest_corpus` does all
files and collects problems per file instead of stopping. The corpus folder's own `manifest.json` and
`README.md` describe the folder and are not sources; any other `.md` file is.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ingest.chunking import chunk_lines
from ingest.cleaning import Vocabulary
from ingest.errors import CorpusNotFound, DocumentNotFound, EmptyDocument, IngestError, UnsupportedFileType
from ingest.footnote_refs import Draft, attach_footnotes
from ingest.footnotes import Footnote, split_footnotes
from ingest.headings import Section, sections
from ingest.lines import flatten
from ingest.loaders import RawDocument, TextOrigin, loader_for, supported_suffixes
from ingest.manifest import MANIFEST_NAME, Manifest, ManifestEntry
from ingest.pages import PageText, number_pages, split_pages, strip_running_lines
from ingest.passage import Passage, TocEntry

FOLDER_FILES = {MANIFEST_NAME.lower(), "readme.md"}  # describe the corpus folder; not sources


class DocumentResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    document: str
    fingerprint: str
    passages: list[Passage]
    toc: list[TocEntry]


class DocumentProblem(BaseModel):
    model_config = ConfigDict(frozen=True)

    file: str
    message: str


class CorpusResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    documents: list[DocumentResult]
    problems: list[DocumentProblem]


def _is_candidate(path: Path) -> bool:
    return path.is_file() and not path.name.startswith(".") and path.name.lower() not in FOLDER_FILES


def discover(corpus_dir: Path) -> list[Path]:
    """Supported source files in the corpus folder (not recursive), sorted by name."""
    if not corpus_dir.is_dir():
        raise CorpusNotFound(corpus_dir)
    suffixes = set(supported_suffixes())
    return sorted(p for p in corpus_dir.iterdir() if _is_candidate(p) and p.suffix.lower() in suffixes)


def unsupported(corpus_dir: Path) -> list[Path]:
    """Files in the corpus folder that no loader reads (reported, not loaded)."""
    if not corpus_dir.is_dir():
        raise CorpusNotFound(corpus_dir)
    suffixes = set(supported_suffixes())
    return sorted(p for p in corpus_dir.iterdir() if _is_candidate(p) and p.suffix.lower() not in suffixes)


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ingest_corpus(corpus_dir: Path, *, max_chars: int = 1200) -> CorpusResult:
    manifest = Manifest.load(corpus_dir)
    documents: list[DocumentResult] = []
    problems = [
        DocumentProblem(file=p.name, message=str(UnsupportedFileType(p, supported_suffixes())))
        for p in unsupported(corpus_dir)
    ]
    for path in discover(corpus_dir):
        try:
            documents.append(ingest_document(path, manifest, max_chars=max_chars))
        except IngestError as exc:
            problems.append(DocumentProblem(file=path.name, message=str(exc)))
    return CorpusResult(documents=documents, problems=sorted(problems, key=lambda p: p.file))


def ingest_document(path: Path, manifest: Manifest, *, max_chars: int = 1200) -> DocumentResult:
    loader = loader_for(path)
    if not path.is_file():
        raise DocumentNotFound(path)
    if path.stat().st_size == 0:
        raise EmptyDocument(path)
    raw = loader.load(path)
    if not raw.has_text:
        raise EmptyDocument(path)
    entry = manifest.entry_for(path.name)
    full_text = "\n".join(p.text for p in raw.pages)
    vocab = Vocabulary(full_text)
    pages, footnotes = _pages_and_footnotes(raw)
    lines, spans = flatten(pages)
    parts, _numbered = sections(lines, plain=raw.origin is TextOrigin.pdf_extraction)
    drafts = [Draft(part, chunk) for part in parts for chunk in chunk_lines(part.lines, vocab, max_chars)]
    attach_footnotes(drafts, footnotes, spans, vocab)
    passages = _to_passages(path.name, entry, drafts)
    if not passages:
        raise EmptyDocument(path)
    toc = [
        TocEntry(
            document=path.name,
            section=s.heading.number,
            title=s.heading.title,
            level=s.heading.level,
            page=s.heading.page,
        )
        for s in parts
        if s.heading is not None
    ]
    return DocumentResult(document=path.name, fingerprint=fingerprint(path), passages=passages, toc=toc)


def _pages_and_footnotes(raw: RawDocument) -> tuple[list[PageText], list[Footnote]]:
    if raw.origin is not TextOrigin.pdf_extraction:
        return [PageText(lines=p.text.split("\n"), number=p.number) for p in raw.pages], []
    if raw.paged:
        pages = []
        texts = strip_running_lines([rp.text for rp in raw.pages])
        for rp, text in zip(raw.pages, texts, strict=True):
            for sub in split_pages(text, infer_breaks=False):  # the PDF's pages are the pages
                sub.number = rp.number
                pages.append(sub)
    else:
        pages = split_pages(raw.pages[0].text)
        number_pages(pages)
    return split_footnotes(pages)


def _passage_id(document: str, section: str | None, title: str | None, text: str, seen: set[str]) -> str:
    base = f"{document}\x1f{section or ''}\x1f{title or ''}\x1f{text}"
    n = 0
    while True:
        digest = hashlib.sha256(f"{base}\x1f{n}".encode()).hexdigest()[:16]
        stem = re.sub(r"[^A-Za-z0-9]+", "-", Path(document).stem).strip("-")
        pid = f"{stem}-{digest}"
        if pid not in seen:
            seen.add(pid)
            return pid
        n += 1


def _path_labels(section: Section) -> list[str]:
    return [f"{h.number} {h.title}" if h.number else h.title for h in section.path]


def _to_passages(document: str, entry: ManifestEntry, drafts: list[Draft]) -> list[Passage]:
    seen: set[str] = set()
    passages = []
    for order, draft in enumerate(drafts):
        heading = draft.section.heading
        section = heading.number if heading else None
        title = heading.title if heading else None
        passages.append(
            Passage(
                id=_passage_id(document, section, title, draft.chunk.text, seen),
                document=document,
                doc_id=entry.id,
                document_title=entry.title,
                document_short=entry.short,
                section=section,
                title=title,
                section_path=_path_labels(draft.section),
                page=draft.chunk.page,
                page_end=draft.chunk.page_end,
                text=draft.chunk.text,
                footnotes=draft.footnotes,
                order=order,
                document_date=entry.date,
                law_regime=entry.law_regime,
            )
        )
    return passages
