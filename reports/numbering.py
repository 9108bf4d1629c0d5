"""Numbers of official documents: one series per organization, document type and year.

`take_number(organization, doc_type, year, document_key)` gives the document its number: the
one it already holds when it is regenerated (same key), else the next of the series. Takers
of one organization are serialized by a lock on its row; should two still collide (a database
without row locks), the loser retries.
"""

from django.db import IntegrityError, transaction
from django.db.models import Max

from units.models import Organization

from .models import DocumentNumber

ATTEMPTS = 5


def existing_number(organization, doc_type: str, year: int, document_key: str) -> int | None:
    return (
        DocumentNumber.objects.filter(
            organization=organization, doc_type=doc_type, year=year, document_key=document_key
        )
        .values_list("number", flat=True)
        .first()
    )


def next_number(organization, doc_type: str, year: int) -> int:
    last = DocumentNumber.objects.filter(
        organization=organization, doc_type=doc_type, year=year
    ).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def take_number(organization, doc_type: str, year: int, document_key: str) -> int:
    """The document's number in the organization's `doc_type` series of `year`."""
    found = existing_number(organization, doc_type, year, document_key)
    if found is not None:
        return found
    for attempt in range(ATTEMPTS):
        try:
            with transaction.atomic():
                # One taker per organization at a time (PostgreSQL; SQLite locks the database).
                Organization.objects.select_for_update().filter(pk=organization.pk).first()
                found = existing_number(organization, doc_type, year, document_key)
                if found is not None:
                    return found
                number = next_number(organization, doc_type, year)
                DocumentNumber.objects.create(
                    organization=organization,
                    doc_type=doc_type,
                    year=year,
                    number=number,
                    document_key=document_key,
                )
                return number
        except IntegrityError:
            if attempt == ATTEMPTS - 1:
                raise
    raise RuntimeError("unreachable")  # pragma: no cover
