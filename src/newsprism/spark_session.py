"""Spark sessions for the Spark engines (stories, compare): started the same way, quiet,
on this very Python, and failing in one line.

The JVM's console output goes to a log file in the job's work folder; a failure to
start names the first Java exception found there.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any
from pathlib import Path

from newsprism.errors import EngineError, UsageError, first_line


def start(master: str, app: str, log: Path, partitions: int):
    """A Spark session on ``master``, with workers running this very Python.

    The JVM's own console output (warnings, stack traces) goes to ``log``, not to
    the user's terminal: newsprism reports a failure itself, in one line.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise UsageError("--engine spark needs PySpark: pip install 'newsprism[spark]'") from exc
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    builder = (
        SparkSession.builder.master(master)
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.default.parallelism", str(partitions))
        .config("spark.python.worker.reuse", "true")
    )
    if not os.environ.get("NEWSPRISM_SPARK_LOG"):
        quiet = f"-Dlog4j2.configurationFile=file:{Path(__file__).with_name('spark-log4j2.properties')}"
        builder = builder.config("spark.driver.extraJavaOptions", quiet).config("spark.executor.extraJavaOptions", quiet)
    if master.startswith("local"):
        builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    try:
        with _stderr_to(log):
            spark = builder.getOrCreate()
    except Exception as exc:  # Java missing, bad master URL, port in use: Py4J/Java errors
        raise EngineError(f"Spark did not start on {master!r} ({_jvm_problem(log) or first_line(exc)})") from exc
    spark.sparkContext.setLogLevel("OFF" if not os.environ.get("NEWSPRISM_SPARK_LOG") else "WARN")
    return spark


@contextlib.contextmanager
def running(master: str, app: str, folder: Path, partitions: int) -> Iterator[Any]:
    """A started session (logging to ``folder``/spark.log) for the ``with`` block,
    stopped after it; a failed job (a Py4J/Java error) becomes one-line ``EngineError``."""
    spark = start(master, app, folder / "spark.log", partitions)
    try:
        yield spark
    except (EngineError, GeneratorExit):
        raise
    except Exception as exc:
        raise EngineError(f"the Spark job failed ({first_line(exc)})") from exc
    finally:
        spark.stop()


@contextlib.contextmanager
def _stderr_to(path: Path) -> Iterator[None]:
    """Point file descriptor 2 at ``path`` while the JVM starts (it keeps that as its stderr)."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "ab") as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def _jvm_problem(log: Path) -> str | None:
    """The message of the first Java exception in the JVM's log, if any."""
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    for line in lines:
        if "Exception" in line and ": " in line:
            return line.split(": ", 1)[1].strip()[:200]
    return None
