"""The load test's own arithmetic: its authenticator codes and its percentiles."""

from django_otp.oath import TOTP

from loadtest.codes import totp_code
from loadtest.report import percentile

KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test key, as hex


def test_the_load_tests_codes_are_the_ones_django_otp_accepts():
    for at in (59, 1_111_111_109, 2_000_000_000):  # RFC 6238's test times and one of ours
        django_otp = TOTP(bytes.fromhex(KEY), step=30, t0=0, digits=6)
        django_otp.time = at
        assert totp_code(KEY, at=at) == f"{django_otp.token():06d}"
    assert totp_code(KEY, at=59, digits=8) == "94287082"  # the RFC's own published value


def test_percentiles_are_nearest_rank():
    values = list(range(1, 101))
    assert (percentile(values, 0.5), percentile(values, 0.95), percentile(values, 0.99)) == (50, 95, 99)
    assert percentile([7.0], 0.95) == 7.0 and percentile([], 0.95) == 0.0
