import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from records.models import Evidence, EvidenceKind
from tests.factories._common import days_ago
from tests.factories.households import CarerFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class EvidenceFactory(DjangoModelFactory):
    """A DBS certificate (a tiny real PDF) uploaded for a new carer, waiting to be checked.

    For another record pass `carer=None` and the target (`household=`, `household_member=`, ...);
    `household` follows a carer's or member's household. `verified=True` makes it verified.
    """

    class Meta:
        model = Evidence

    class Params:
        verified = factory.Trait(status=Evidence.Status.VERIFIED, verified_at=factory.LazyFunction(timezone.now))

    carer = factory.SubFactory(CarerFactory)
    household = factory.LazyAttribute(
        lambda o: (o.carer or o.household_member).household if (o.carer or o.household_member) else None)
    household_member = None
    kind = EvidenceKind.DBS_CERTIFICATE
    file = factory.django.FileField(data=PDF_BYTES, filename="stored.pdf")
    original_filename = "DBS certificate.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    issued_on = days_ago(30)
