"""Tell whether PostgreSQL answers; in CI its absence is a failure, elsewhere the run is skipped."""

from __future__ import annotations

import os
import sys


def main(url: str) -> int:
    """Return 0 if the server answers; otherwise 1 in CI (a failure) and 2 elsewhere (skip the run)."""
    import psycopg

    try:
        with psycopg.connect(
            url.replace("postgres://", "postgresql://", 1).rsplit("/", 1)[0] + "/postgres", connect_timeout=5
        ):
            return 0
    except psycopg.OperationalError as exc:
        if os.environ.get("CI"):
            print(f"PostgreSQL is required in CI and did not answer at {url}: {exc}", file=sys.stderr)
            return 1
        print(
            f"PostgreSQL did not answer at {url}; the PostgreSQL run is skipped outside CI.", file=sys.stderr
        )
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
