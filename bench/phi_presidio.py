"""Presidio's pattern recognizers, the PHI benchmark's comparison (``bench.phi``).

Only recognizers that need no NLP engine: Presidio's predefined pattern
recognizers (regular expressions with checksums and validation) and its phone
recognizer (``phonenumbers``), instantiated directly, each called as
``analyze(text, entities=recognizer.supported_entities, nlp_artifacts=None)``.
No ``AnalyzerEngine``, so no spaCy pipeline and no model is ever loaded (the
``spacy`` package comes in as a dependency of ``presidio-analyzer`` and is
imported, but nothing of it runs). Every result counts as a block, whatever its
score.

The email recognizer validates domains with ``tldextract``, which by default
fetches the public suffix list over the network on first use; it is pointed at
the snapshot the package ships instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

# Generic recognizers, then the US ones (Echo's case texts are American): all of
# Presidio's recognizers for identifiers that HIPAA's Safe Harbor list names or
# that a case text could carry. Names missing from the installed version are skipped.
RECOGNIZERS = (
    "EmailRecognizer", "PhoneRecognizer", "UrlRecognizer", "IpRecognizer",
    "DateRecognizer", "CreditCardRecognizer", "IbanRecognizer", "CryptoRecognizer",
    "MacAddressRecognizer", "UuidRecognizer",
    "UsSsnRecognizer", "UsItinRecognizer", "UsPassportRecognizer", "UsLicenseRecognizer",
    "UsBankRecognizer", "AbaRoutingRecognizer", "MedicalLicenseRecognizer",
    "UsNpiRecognizer", "UsMbiRecognizer", "UsHealthInsuranceMemberIdRecognizer",
    "UsClaimNumberRecognizer", "UsPrescriptionNumberRecognizer",
    "UsPriorAuthorizationNumberRecognizer", "UsReferralNumberRecognizer",
    "UsProviderTaxIdRecognizer",
)  # fmt: skip


@dataclass(frozen=True)
class PresidioResult:
    start: int
    end: int
    kind: str  # Presidio's entity type, e.g. PHONE_NUMBER


@dataclass(frozen=True)
class PresidioScanner:
    version: str
    recognizers: tuple[str, ...]  # class names, in the order run
    missing: tuple[str, ...]  # names in RECOGNIZERS that this version does not have
    scan: Callable[[str], list[PresidioResult]]


def installed_version() -> str | None:
    try:
        return metadata.version("presidio-analyzer")
    except metadata.PackageNotFoundError:
        return None


def spacy_models() -> list[str]:
    """The spaCy model packages installed (none are needed, none are loaded)."""
    try:
        from spacy.util import get_installed_models
    except ImportError:
        return []
    return sorted(get_installed_models())


def build_scanner() -> PresidioScanner:
    """Instantiate the recognizers; raise ImportError when Presidio is not installed."""
    import tldextract.tldextract

    # The shipped public suffix list snapshot: no fetch, no cache directory.
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None
    )
    from presidio_analyzer import predefined_recognizers
    from presidio_analyzer.local_recognizer import LocalRecognizer

    recognizers: list[LocalRecognizer] = []
    missing: list[str] = []
    for name in RECOGNIZERS:
        recognizer_class = getattr(predefined_recognizers, name, None)
        if recognizer_class is None:
            missing.append(name)
            continue
        recognizer = recognizer_class()
        if not isinstance(recognizer, LocalRecognizer):
            raise TypeError(f"{name} is not a local recognizer: it would need a service")
        recognizers.append(recognizer)

    def scan(text: str) -> list[PresidioResult]:
        return [
            PresidioResult(result.start, result.end, result.entity_type)
            for recognizer in recognizers
            # No NLP engine, so no artifacts: the recognizers take None (not in the annotation).
            for result in recognizer.analyze(
                text,
                entities=recognizer.supported_entities,
                nlp_artifacts=None,  # type: ignore[arg-type]
            )
        ]

    return PresidioScanner(
        version=installed_version() or "unknown",
        recognizers=tuple(type(recognizer).__name__ for recognizer in recognizers),
        missing=tuple(missing),
        scan=scan,
    )
