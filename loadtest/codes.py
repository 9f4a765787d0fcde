"""The code an authenticator app shows, computed in the load test's own process (no Django there)."""

import hashlib
import hmac
import struct
import time


def totp_code(key_hex, *, at=None, step=30, digits=6):
    """The authenticator app's code at `at` (now by default): RFC 6238, as django-otp's TOTPDevice checks it."""
    counter = struct.pack(">Q", int(time.time() if at is None else at) // step)
    digest = hmac.new(bytes.fromhex(key_hex), counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 10 ** digits:0{digits}d}"
