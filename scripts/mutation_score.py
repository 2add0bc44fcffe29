"""Print the mutation score of each module `make mutants` mutated, and name the surviving mutants.

Reads mutmut's results (``mutants/<module>.meta``). Killed: a test failed (or timed out) on the
mutant. The score counts only mutants some selected test runs ("no tests": no test in the selection
reaches that code at all; "unchecked": not run yet).
"""

import json
import sys
from pathlib import Path

KILLED = {1, 3, 24, -24, 36, 152, 255}


def main() -> int:
    metas = sorted(Path("mutants").rglob("*.py.meta"))
    if not metas:
        print('No mutation results: run "make mutants".')
        return 1
    total_killed = total_tested = 0
    print(f"{'module':<36} {'killed':>7} {'tested':>7} {'score':>7} {'no tests':>9} {'unchecked':>9}")
    survivors = []
    for meta in metas:
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        module = str(meta.relative_to("mutants")).removesuffix(".meta")
        tested = {k: c for k, c in codes.items() if c not in (None, 5, 33, 34)}
        killed = [k for k, c in tested.items() if c in KILLED]
        unchecked = sum(1 for c in codes.values() if c is None)
        untested = len(codes) - len(tested) - unchecked
        survivors += [(module, k, c) for k, c in tested.items() if c not in KILLED]
        score = f"{100 * len(killed) / len(tested):.1f} %" if tested else "–"
        print(f"{module:<36} {len(killed):>7} {len(tested):>7} {score:>7} {untested:>9} {unchecked:>9}")
        total_killed += len(killed)
        total_tested += len(tested)
    if total_tested:
        print(f"{'all':<36} {total_killed:>7} {total_tested:>7} {100 * total_killed / total_tested:>5.1f} %")
    if survivors:
        print("\nSurvivors (see each with: .venv/bin/python -m mutmut show NAME):")
        for _module, key, code in survivors:
            print(f"  {key}  (exit {code})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
