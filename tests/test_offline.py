"""`make test` runs the whole suite in a network namespace with only loopback (where allowed)."""
from __future__ import annotations

import os
import socket

import pytest


@pytest.mark.skipif(os.environ.get("NEXUS_OFFLINE") != "1", reason="not run through `make test` offline")
def test_the_network_is_really_unavailable():
    # 192.0.2.1 is TEST-NET-1 (RFC 5737), never routed: in the namespace there is no route at all
    with pytest.raises(OSError) as err:
        socket.create_connection(("192.0.2.1", 443), timeout=2)
    import errno

    assert err.value.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH), err.value
    # loopback works, so the browser tests can serve the book locally
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
