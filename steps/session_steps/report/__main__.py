"""``python -m session_steps.report merge OUT_DIR JOURNAL_DIR...``: one report from several runs' reports."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from session_steps.report.merged_report import MergeError, merge_reports
from session_steps.report.summary import count


def main(argv: Sequence[str] | None = None) -> int:
    """Merge the journals of ``--session-report`` folders into one report; 2 where they cannot be."""
    parser = argparse.ArgumentParser(prog="python -m session_steps.report", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    merge = commands.add_parser(
        "merge",
        help="write one report (every page, cucumber.json) from the journals of several runs",
        description="Merge the runs journaled in each JOURNAL_DIR (a --session-report folder, from any "
        "machine) into one report in OUT_DIR, screenshots and traces copied along. Runs of one test "
        "that differ in Django or Python version, engine, server, database, browser or attempt are all "
        "kept; of two runs that agree in all of them, the later replaces the earlier.",
    )
    merge.add_argument("out", type=Path, metavar="OUT_DIR", help="where to write the merged report")
    merge.add_argument("journals", type=Path, nargs="+", metavar="JOURNAL_DIR", help="a --session-report folder")
    options = parser.parse_args(argv)
    try:
        runs = merge_reports(options.out, options.journals)
    except MergeError as error:
        print(f"django-session-spec: {error}", file=sys.stderr)
        return 2
    total = count(runs)
    folders = f"{len(options.journals)} folder{'s' if len(options.journals) != 1 else ''}"
    print(f"session report: {options.out / 'index.html'} ({total.total} runs from {folders})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
