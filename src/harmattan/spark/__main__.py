"""The spark-submit entry point: `spark-submit ... harmattan/spark/__main__.py INPUT OUTPUT`.

The master and the executors' Python come from spark-submit's own options, not from here.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the job on the session spark-submit provides and print what it wrote."""
    from pyspark.sql import SparkSession

    from harmattan.spark.job import run_job

    parser = argparse.ArgumentParser(prog="harmattan.spark", description=__doc__)
    parser.add_argument("input", help="path or URI of the input files")
    parser.add_argument("output", help="path or URI to write records/ and quarantine/ under")
    parser.add_argument("--partitions", type=int, default=None)
    args = parser.parse_args(argv)
    spark = SparkSession.builder.appName("harmattan").getOrCreate()
    try:
        result = run_job(spark, args.input, args.output, args.partitions)
    finally:
        spark.stop()
    print(f"{result.records} records, {result.quarantined} quarantined")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
