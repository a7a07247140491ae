"""Small builders shared by tests."""

import csv
import socket
from datetime import UTC, datetime
from pathlib import Path

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    """Write an RFC 4180 CSV the way common exporters do."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def free_port() -> int:
    """A loopback TCP port nobody listens on right now (for servers the tests start)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
