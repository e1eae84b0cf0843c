"""The corpus manifest (`corpus/manifest.json`): titles and metadata per source file."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from ingest.errors import ManifestInvalid

MANIFEST_NAME = "manifest.json"


class ManifestEntry(BaseModel):
    """One source document as described in the manifest."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str
    id: str
    title: str
    short: str
    date: str | None = None
    kind: str | None = None
    publisher: str | None = None
    law_regime: str | None = None
    structure: str | None = None


class Manifest(BaseModel):
    """All manifest entries; files without an entry get one derived from their file name."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = 1
    documents: list[ManifestEntry] = []

    @classmethod
    def load(cls, corpus_dir: Path) -> Manifest:
        """Read `manifest.json` from the corpus folder; an absent manifest is an empty one."""
        path = corpus_dir / MANIFEST_NAME
        if not path.is_file():
            return cls()
        try:
            return cls.model_validate(json.loads(path.read_text(encoding="utf-8")))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ManifestInvalid(path, f"geen geldige JSON: {exc}") from exc
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ManifestInvalid(path, f"veld '{where}': {first['msg']}") from exc

    def entry_for(self, file_name: str) -> ManifestEntry:
        """The entry for a file, or one derived from the file name when the manifest does not list it."""
        for entry in self.documents:
            if entry.file == file_name:
                return entry
        return derived_entry(file_name)


def derived_entry(file_name: str) -> ManifestEntry:
    """Title and id from a file name: 'Convenant_Veiligheidshuis-2024.docx' -> 'Convenant Veiligheidshuis 2024'."""
    stem = Path(file_name).stem
    words = [w for w in re.split(r"[\s_\-.]+", stem) if w]
    title = " ".join(words) or file_name
    title = title[:1].upper() + title[1:]
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "document"
    return ManifestEntry(file=file_name, id=slug, title=title, short=title)
