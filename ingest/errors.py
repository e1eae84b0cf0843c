"""Ingestion errors. Each message is Dutch, names the file and says what to do."""

from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """Base class for everything ingestion refuses to process."""


class CorpusNotFound(IngestError):
    def __init__(self, folder: Path) -> None:
        super().__init__(
            f"De bronnenmap {folder} bestaat niet of is geen map. "
            "Controleer HANDVAT_CORPUS_DIR of maak de map aan en zet de brondocumenten erin."
        )


class DocumentNotFound(IngestError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Het bestand {path} bestaat niet (meer) of is geen bestand. Controleer de naam en de bronnenmap."
        )


class EmptyDocument(IngestError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Het bestand {path.name} is leeg of bevat geen leesbare tekst. "
            "Vervang het door een versie met tekst (bij een gescande PDF: eerst tekstherkenning/OCR) of verwijder het."
        )


class CorruptDocument(IngestError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"Het bestand {path.name} kan niet worden gelezen ({detail}). "
            "Het is mogelijk beschadigd: sla het opnieuw op of exporteer het opnieuw en probeer het nog eens."
        )


class EncodingProblem(IngestError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"Het bestand {path.name} is geen geldige UTF-8-tekst ({detail}). "
            "Sla het op als UTF-8 (bijvoorbeeld via 'Opslaan als' in een teksteditor) en probeer het opnieuw."
        )


class UnsupportedFileType(IngestError):
    def __init__(self, path: Path, supported: list[str]) -> None:
        kinds = ", ".join(supported)
        super().__init__(
            f"Het bestand {path.name} heeft een niet-ondersteund bestandstype ('{path.suffix or 'geen extensie'}'). "
            f"Ondersteund zijn: {kinds}. Zet het om naar een van deze typen of haal het uit de bronnenmap."
        )


class ManifestInvalid(IngestError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"Het manifest {path} is ongeldig ({detail}). "
            "Herstel het JSON-bestand of verwijder het; zonder manifest krijgen documenten een titel uit de bestandsnaam."
        )
