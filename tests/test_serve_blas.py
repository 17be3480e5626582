"""`kgqa serve` runs numpy's BLAS on one thread: a question's dense product then starts no threads that spin against
the server's own (measured: a warm question's server CPU about a third with every corpus report loaded)."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys

import pytest


def _threads_after_a_product(one_blas_thread: bool) -> int:
    """The threads of a fresh Python after numpy multiplies two matrices, with or without kgqa serve's BLAS limit."""
    code = ("import os\n"
            + ("from web.cli_serve import _one_blas_thread\n_one_blas_thread()\n" if one_blas_thread else "")
            + "import numpy as np\na = np.ones((600, 600), dtype=np.float32)\na @ a\n"
            "print(len(os.listdir('/proc/self/task')))\n")
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return int(out.stdout.strip())


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: BLAS starts no other thread anyway")
def test_the_server_runs_numpys_blas_on_one_thread():
    """A question's dense product in numpy starts no BLAS threads in the server (they spun against each other on a
    busy machine and tripled a question's CPU); a plain Python starts them, so the count can tell."""
    assert _threads_after_a_product(one_blas_thread=False) > 1
    assert _threads_after_a_product(one_blas_thread=True) == 1


def test_serve_limits_blas_before_it_opens_anything(monkeypatch):
    """kgqa serve sets the limit first: OpenBLAS reads it once, when numpy loads with the build."""
    import web.cli_serve as cli_serve

    class First(Exception):
        pass

    def first():
        raise First

    monkeypatch.setattr(cli_serve, "_one_blas_thread", first)
    monkeypatch.setattr("web.cli_build.settings", lambda args: pytest.fail("the app was made before the limit"))
    with pytest.raises(First):
        cli_serve.run(argparse.Namespace(workers=1, paths=[], build_dir=None, store=None))
