"""Mutation testing of the sync core, the contract and the access rules (issue 15).

One command runs mutmut (Python) and Stryker (JavaScript, node's test runner
through Stryker's TAP runner) on each target, and prints, per target: mutants,
killed, survived, equivalent, the score, and how long the run took here.

    nice -n 10 .venv/bin/python bench/mutation.py              # every target
    nice -n 10 .venv/bin/python bench/mutation.py push pull    # some of them
    .venv/bin/python bench/mutation.py --list                  # the targets

Each Python target runs in a copy of the working tree of its own
(bench/out/mutation/<target>/, ignored by git), because mutmut reads its
settings from pyproject.toml and writes its mutants beside the code: the copy
gets a `[tool.mutmut]` naming only the target's files and the tests that
matter for it, so a run never touches the real tree. Tests run on SQLite
(DATABASE_URL unset), which is what keeps each mutant's run short; so the
PostgreSQL-only write path of a push (`_write_postgresql`) is not mutated
is counted apart as left out (see `PY_LEFT_OUT`).

`--again --postgresql` re-checks the last run's survivors with the same tests
on PostgreSQL (a test database of its own per target, one mutant at a time):
the survivors in PostgreSQL-only branches of counted functions are reached
there. Only the environment changes, so mutmut keeps its mutants, its map of
tests and every other verdict.

A mutant is killed when some test fails with it in place (or it runs past
mutmut's or Stryker's timeout). A survivor is either a missing test, or a
mutant that cannot change behaviour: those are listed, with a reason each, in
bench/mutation-equivalents.toml, matched by the function (or file) and the
mutated text, not by mutant number, so a change elsewhere in the file does not
make an entry point at another mutant. An entry that matches no survivor is
reported as stale. The score is killed / (mutants - equivalent).

The report goes to stdout and, as JSON, to bench/out/mutation/report.json;
`--survivors` prints the diff of every survivor that is not listed.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "mutation"
EQUIVALENTS = ROOT / "bench" / "mutation-equivalents.toml"
# --postgresql: the server scripts/ensure-postgres.sh starts; the database is
# ros1_mutpg_<target>, and pytest-django creates and drops test_ros1_mutpg_<target>.
POSTGRESQL_URL = "postgres://postgres@127.0.0.1:5432/ros1_mutpg_{}"


@dataclass(frozen=True)
class Target:
    name: str
    tool: str  # "mutmut" or "stryker"
    about: str
    mutate: tuple[str, ...]
    tests: tuple[str, ...]


# The property and fuzz tests (hypothesis) are left out of every target: they
# took most of a run (a minute for each surviving mutant), and what a mutant
# shows is which behaviour no named test states.
NO_PROPERTIES = (
    "--deselect",
    "tests/tracker/test_bad_input.py::test_random_pushes_never_crash_and_only_apply_valid_mutations",
)

TARGETS = [
    Target(
        "push",
        "mutmut",
        "the push: sync_push and its parsing (tracker/services.py)",
        ("tracker/services.py",),
        (
            "tests/tracker/test_sync_push.py",
            "tests/tracker/test_bad_input.py",
            # A create of an id whose tombstone retention compacted (_forgotten_ids).
            "tests/tracker/test_sync_retention.py",
            # Pushes of each schema (a collection newer than the push).
            "tests/tracker/test_checkins.py",
            *NO_PROPERTIES,
        ),
    ),
    Target(
        "pull",
        "mutmut",
        "the pull: changes_since and the cursor (tracker/selectors.py)",
        ("tracker/selectors.py",),
        (
            "tests/tracker/test_sync_pull.py",
            "tests/tracker/test_isolation.py",
            "tests/tracker/test_bad_input.py",
            # The pull past the compaction horizon, and pulls of each schema.
            "tests/tracker/test_sync_retention.py",
            "tests/tracker/test_checkins.py",
            *NO_PROPERTIES,
        ),
    ),
    Target(
        "contract",
        "mutmut",
        "the record contract and its checker (tracker/contract.py, tracker/validation.py)",
        ("tracker/contract.py", "tracker/validation.py"),
        (
            "tests/tracker/test_contract.py",
            "tests/tracker/test_validation.py",
            # The check-in's items (the contract's list of objects) and the schemas.
            "tests/tracker/test_checkins.py",
        ),
    ),
    Target(
        "clinic-access",
        "mutmut",
        "who may see what, consent scope and expiry (clinics/selectors.py)",
        ("clinics/selectors.py",),
        (
            "tests/clinics/test_access.py",
            "tests/clinics/test_sharing.py",
            "tests/clinics/test_view.py",
            "tests/clinics/test_records.py",
            "tests/clinics/test_api.py",
            "tests/clinics/test_staff.py",
            "tests/clinics/test_referral.py",
            "tests/clinics/test_selectors.py",
            # Where clinic staff land after signing in (is_clinic_staff).
            "tests/accounts/test_staff_sign_in.py",
        ),
    ),
    Target(
        "accounts",
        "mutmut",
        "account and token services (accounts/services.py, accounts/authentication.py)",
        ("accounts/services.py", "accounts/authentication.py"),
        ("tests/accounts",),
    ),
    Target(
        "device",
        "stryker",
        "on the device: the outbox and batching, merging and conflict detection "
        "(static/js/outbox.js, static/js/store-core.js, static/js/merge.js)",
        # store-core.js is mostly the database's layout: only its batching is a target.
        ("static/js/outbox.js", "static/js/store-core.js#freezeNextBatch", "static/js/merge.js"),
        (
            "tests/js/outbox.test.mjs",
            "tests/js/store-core.test.mjs",
            "tests/js/merge.test.mjs",
        ),
    ),
]

# Functions left out of a target's figures, with the reason; their mutants are
# counted apart, as "left out".
_POSTGRESQL_ONLY = (
    "runs only on PostgreSQL, and the mutation run uses SQLite to stay fast (on "
    "PostgreSQL each mutant would need a test database of its own); it writes the same "
    "rows as the SQLite branch, which the same push tests check when CI runs them on "
    "PostgreSQL"
)
_POSTGRESQL_READS = (
    "runs only on PostgreSQL (a push's lock and reads as fixed statements), and the "
    "mutation run uses SQLite, where the ORM's reads beside it are mutated and tested"
)
_POSTGRESQL_TOKEN_LOOKUP = (
    "runs only on PostgreSQL (every API call's token look-up as one fixed statement), and "
    "the mutation run uses SQLite, where token_lookup answers through the ORM; the same "
    "token tests check its answers when the suite runs on PostgreSQL"
)
_NOT_THE_PUSH = (
    "not the push: the retention prune (a nightly command), tested by "
    "tests/tracker/test_sync_retention.py; no target mutates it yet"
)
_NOT_THE_PULL = "not the pull: the journal's exports and counts, tested with them"
_POSTGRESQL_PAGE = (
    "runs only on PostgreSQL (the pull's page as one statement, its JSON written by "
    "PostgreSQL), and the mutation run uses SQLite, where _page_rows_orm is mutated and "
    "tested; a PostgreSQL test compares the two paths' text (test_sync_pull.py)"
)
_AT_IMPORT = (
    "runs only at import, while the contract is built; mutmut 3 switches a mutant on "
    "per call after import, so no test can see it (test_contract.py checks the built "
    "contract itself)"
)
PY_LEFT_OUT = {
    "contract": {
        "tracker.contract._course_ref": _AT_IMPORT,
        "tracker.contract._notes": _AT_IMPORT,
        "tracker.contract._term_rules": _AT_IMPORT,
    },
    "push": {
        "tracker.services._write_postgresql": _POSTGRESQL_ONLY,
        "tracker.services._row_value": _POSTGRESQL_ONLY,
        "tracker.services._record_rows": _POSTGRESQL_ONLY,
        "tracker.services._locked_reads_postgresql": _POSTGRESQL_READS,
        "tracker.services.sync_history_prune": _NOT_THE_PUSH,
        "tracker.services._prune_tombstones": _NOT_THE_PUSH,
        "tracker.services._prune_replies": _NOT_THE_PUSH,
    },
    "accounts": {
        "accounts.services._token_lookup_sql": _POSTGRESQL_TOKEN_LOOKUP,
        "accounts.services._token_lookup_statement": _POSTGRESQL_TOKEN_LOOKUP,
    },
    "pull": {
        "tracker.selectors._page_rows_postgresql": _POSTGRESQL_PAGE,
        "tracker.selectors.records_for_user": _NOT_THE_PULL,
        "tracker.selectors.journal_counts": _NOT_THE_PULL,
    },
}

KILLED_PY = {"killed", "timeout", "segfault", "caught by type check"}
KILLED_JS = {"Killed", "Timeout"}
NOT_COUNTED_JS = {"CompileError", "RuntimeError", "Ignored"}


@dataclass
class Result:
    target: str
    tool: str
    about: str
    mutants: int = 0
    killed: int = 0
    survived: int = 0
    equivalent: int = 0
    score: float = 0.0
    seconds: float = 0.0
    not_run: int = 0
    not_checked: int = 0
    database: str = "SQLite"
    rechecked: int = 0
    by_unit: dict[str, dict[str, int]] = field(default_factory=dict)
    survivors: list[dict[str, str]] = field(default_factory=list)
    stale_equivalents: list[str] = field(default_factory=list)
    error: str = ""


def load_equivalents() -> list[dict[str, str]]:
    if not EQUIVALENTS.exists():
        return []
    return tomllib.loads(EQUIVALENTS.read_text("utf-8")).get("equivalent", [])


def _norm(text: str) -> str:
    return " ".join(text.split())


def _tree_files() -> list[str]:
    """The working tree as git sees it: tracked and new files, nothing ignored."""
    out = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    return [p for p in out.split("\0") if p and (ROOT / p).is_file()]


def _copy_tree(dest: Path, *, fresh: bool = True) -> None:
    if fresh and dest.exists():
        shutil.rmtree(dest)
    for rel in _tree_files():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, target)


def _mutmut_config(target: Target) -> str:
    packages = sorted(
        {p.split("/")[0] for p in _tree_files() if p.endswith("/__init__.py") and p.count("/") == 1}
        - {"tests", "bench"}
    )
    lines = [
        "",
        "[tool.mutmut]",
        f"source_paths = {json.dumps(packages)}",
        f"only_mutate = {json.dumps(list(target.mutate))}",
        'also_copy = ["static", "docs", "manage.py", "scripts"]',
        f"pytest_add_cli_args_test_selection = {json.dumps(list(target.tests))}",
        # --nomigrations: tables straight from the models. Each mutant's run sets
        # up a fresh test database, and running every migration took most of it.
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "--nomigrations"]',
        "use_git_change_detection = false",
        "",
    ]
    return "\n".join(lines)


def _function_of(mutant: str) -> str:
    # tracker.services.x_push_request_parse__mutmut_12 -> tracker.services.push_request_parse
    module, _, rest = mutant.rpartition(".")
    name = re.sub(r"__mutmut_\d+$", "", rest)
    name = re.sub(r"^x[ǁ_]", "", name).replace("ǁ", ".")
    return f"{module}.{name}"


def _mutant_sources(work: Path, module: str) -> dict[str, str]:
    """Every function of mutmut's copy of `module`, by name: the original and each mutant."""
    path = work / "mutants" / (module.replace(".", "/") + ".py")
    source = path.read_text("utf-8")
    lines = source.splitlines(keepends=True)
    # Whole lines by line number: ast.get_source_segment re-reads the file per call.
    return {
        node.name: "".join(lines[node.lineno - 1 : node.end_lineno])
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and "__mutmut_" in node.name
    }


def _mutmut_diff(work: Path, mutant: str, cache: dict[str, dict[str, str]]) -> str:
    """The mutant against the original, as `mutmut show` prints it, without a process each."""
    module, _, name = mutant.rpartition(".")
    if module not in cache:
        cache[module] = _mutant_sources(work, module)
    functions = cache[module]
    original = functions.get(re.sub(r"__mutmut_\d+$", "__mutmut_orig", name), "")
    changed = functions.get(name, "")
    strip = re.compile(r"__mutmut_(\d+|orig)")
    return "".join(
        difflib.unified_diff(
            strip.sub("", original).splitlines(keepends=True),
            strip.sub("", changed).splitlines(keepends=True),
            fromfile="original",
            tofile=mutant,
        )
    )


def _added_lines(diff: str) -> str:
    return "\n".join(
        _norm(line[1:])
        for line in diff.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    )


def _removed_lines(diff: str) -> str:
    return "\n".join(
        _norm(line[1:])
        for line in diff.splitlines()
        if line.startswith("-") and not line.startswith("---")
    )


def _matches(entry: dict, unit: str, added: str, removed: str) -> bool:
    """An equivalents entry names a line the mutant adds (`mutated`), a line it deletes
    (`removed`), or both; a `removed` entry alone matches a mutant that adds nothing."""
    if entry.get("function") != unit:
        return False
    if "removed" in entry and _norm(entry["removed"]) not in removed.splitlines():
        return False
    if "mutated" not in entry:
        return "removed" in entry and not added
    return _norm(entry["mutated"]) in added.splitlines()


def _last_survivors(target: Target) -> list[str]:
    report = OUT / f"{target.name}.json"
    if not report.exists():
        return []
    return [s["mutant"] for s in json.loads(report.read_text("utf-8"))["survivors"]]


def run_mutmut(
    target: Target,
    *,
    children: int,
    equivalents: list[dict],
    again: bool = False,
    postgresql: bool = False,
    report_only: bool = False,
) -> Result:
    result = Result(target.name, target.tool, target.about)
    work = OUT / target.name
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if report_only:
        previous = OUT / f"{target.name}.json"
        if previous.exists():
            result.seconds = json.loads(previous.read_text("utf-8")).get("seconds", 0.0)
        return _mutmut_results(target, result, work, env, equivalents)
    # --again: the same copy and mutants, the tests as they are now, and only
    # the last run's survivors checked again (the rest stay as they were).
    again = again and (work / "mutants").is_dir()
    survivors = _last_survivors(target) if again else []
    if postgresql:
        # Only the environment differs: a change to mutmut's pytest arguments
        # would make it drop every verdict and start again. One child, because
        # each mutant's pytest creates and drops the same test database.
        if not again:
            result.error = "no last run to re-check on PostgreSQL"
            return result
        if not survivors:  # nothing to re-check: the last run's report as it stands
            return run_mutmut(target, children=children, equivalents=equivalents, report_only=True)
        env["DATABASE_URL"] = POSTGRESQL_URL.format(target.name.replace("-", "_"))
        children = 1
        result.database = "PostgreSQL"
    result.rechecked = len(survivors)
    _copy_tree(work, fresh=not again)
    if again:
        shutil.rmtree(work / "mutants" / "tests", ignore_errors=True)
        shutil.copytree(work / "tests", work / "mutants" / "tests")
    pyproject = work / "pyproject.toml"
    pyproject.write_text(pyproject.read_text("utf-8") + _mutmut_config(target), "utf-8")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    log = OUT / f"{target.name}.log"
    started = time.monotonic()
    with log.open("w") as out:
        run = subprocess.run(
            [sys.executable, "-m", "mutmut", "run", "--max-children", str(children), *survivors],
            cwd=work,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    result.seconds = time.monotonic() - started
    if run.returncode != 0:
        result.error = f"mutmut run exited {run.returncode}; see {log.relative_to(ROOT)}"
    return _mutmut_results(target, result, work, env, equivalents)


def _mutmut_results(
    target: Target, result: Result, work: Path, env: dict, equivalents: list[dict]
) -> Result:
    listed = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    mine = [e for e in equivalents if e.get("target") == target.name]
    used: set[int] = set()
    sources: dict[str, dict[str, str]] = {}
    for line in listed.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if not sep or "__mutmut_" not in name:
            continue
        unit = _function_of(name)
        if unit in PY_LEFT_OUT.get(target.name, {}):
            result.not_run += 1
            continue
        counts = result.by_unit.setdefault(
            unit, {"mutants": 0, "killed": 0, "survived": 0, "equivalent": 0}
        )
        if status == "not checked":
            # An interrupted run: neither killed nor survived, and out of the score.
            result.not_checked += 1
            continue
        counts["mutants"] += 1
        result.mutants += 1
        if status in KILLED_PY:
            counts["killed"] += 1
            result.killed += 1
            continue
        diff = _mutmut_diff(work, name, sources)
        added, removed = _added_lines(diff), _removed_lines(diff)
        match = next(
            (i for i, e in enumerate(mine) if i not in used and _matches(e, unit, added, removed)),
            None,
        )
        if match is not None:
            used.add(match)
            counts["equivalent"] += 1
            result.equivalent += 1
            continue
        counts["survived"] += 1
        result.survived += 1
        result.survivors.append({"mutant": name, "status": status, "unit": unit, "diff": diff})
    result.stale_equivalents = [
        f"{e.get('function')}: {e.get('mutated', e.get('removed'))}"
        for i, e in enumerate(mine)
        if i not in used
    ]
    counted = result.mutants - result.equivalent
    result.score = 100.0 * result.killed / counted if counted else 0.0
    return result


def _stryker_mutate(spec: str) -> str:
    """`file.js#name`: only the lines of the top-level function `name`, found by its text."""
    path, _, name = spec.partition("#")
    if not name:
        return path
    lines = (ROOT / path).read_text("utf-8").splitlines()
    start = next(
        i for i, line in enumerate(lines) if re.match(rf"export (async )?function {name}\b", line)
    )
    end = next(i for i in range(start, len(lines)) if lines[i] == "}")
    return f"{path}:{start + 1}-{end + 1}"


def _slice(lines: list[str], start: dict, end: dict) -> str:
    """The source text a Stryker location spans (lines from 1, columns from 1)."""
    first, last = start["line"] - 1, end["line"] - 1
    if first == last:
        return lines[first][start["column"] - 1 : end["column"] - 1]
    head, tail = lines[first][start["column"] - 1 :], lines[last][: end["column"] - 1]
    return "\n".join([head, *lines[first + 1 : last], tail])


def run_stryker(target: Target, *, children: int, equivalents: list[dict]) -> Result:
    result = Result(target.name, target.tool, target.about)
    OUT.mkdir(parents=True, exist_ok=True)
    report = OUT / f"{target.name}-stryker.json"
    config = {
        "$schema": "./node_modules/@stryker-mutator/core/schema/stryker-schema.json",
        "testRunner": "tap",
        "tap": {"testFiles": list(target.tests)},
        "mutate": [_stryker_mutate(m) for m in target.mutate],
        "coverageAnalysis": "perTest",
        "reporters": ["json", "clear-text"],
        "jsonReporter": {"fileName": str(report)},
        "concurrency": children,
        "tempDirName": str(OUT / f".stryker-tmp-{target.name}"),
        "cleanTempDir": "always",
        "ignorePatterns": [
            "/.venv",
            "/bench/out",
            "/mutants",
            "/staticfiles",
            "/education",
            "/accounts",
            "/clinics",
            "/tracker",
            "/ros1site",
            "/docs",
            "/deploy",
        ],
    }
    config_path = OUT / f"{target.name}-stryker.config.json"
    config_path.write_text(json.dumps(config, indent=2), "utf-8")
    log = OUT / f"{target.name}.log"
    started = time.monotonic()
    with log.open("w") as out:
        run = subprocess.run(
            [str(ROOT / "node_modules" / ".bin" / "stryker"), "run", str(config_path)],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    result.seconds = time.monotonic() - started
    if run.returncode != 0 or not report.exists():
        result.error = f"stryker exited {run.returncode}; see {log.relative_to(ROOT)}"
        return result
    data = json.loads(report.read_text("utf-8"))
    mine = [e for e in equivalents if e.get("target") == target.name]
    used: set[int] = set()
    for path, file in sorted(data["files"].items()):
        rel = str(Path(path).resolve().relative_to(ROOT)) if Path(path).is_absolute() else path
        lines = file["source"].splitlines()
        for m in file["mutants"]:
            if m["status"] in NOT_COUNTED_JS:
                continue
            counts = result.by_unit.setdefault(
                rel, {"mutants": 0, "killed": 0, "survived": 0, "equivalent": 0}
            )
            counts["mutants"] += 1
            result.mutants += 1
            if m["status"] in KILLED_JS:
                counts["killed"] += 1
                result.killed += 1
                continue
            start, end = m["location"]["start"], m["location"]["end"]
            original_line = lines[start["line"] - 1]
            original = _slice(lines, start, end)
            replacement = m.get("replacement", "")
            match = next(
                (
                    i
                    for i, e in enumerate(mine)
                    if i not in used
                    and e.get("function") == rel
                    and _norm(e.get("line", "")) == _norm(original_line)
                    and _norm(e.get("original", original)) == _norm(original)
                    and _norm(e.get("mutated", "")) == _norm(replacement)
                ),
                None,
            )
            if match is not None:
                used.add(match)
                counts["equivalent"] += 1
                result.equivalent += 1
                continue
            counts["survived"] += 1
            result.survived += 1
            result.survivors.append(
                {
                    "mutant": f"{rel}:{start['line']}:{start['column']} {m['mutatorName']}",
                    "status": m["status"],
                    "unit": rel,
                    "diff": f"   line: {original_line.strip()}\n"
                    f"   ({start['line']}:{start['column']}-{end['line']}:{end['column']}) "
                    f"{original!r} -> {replacement!r}",
                }
            )
    result.stale_equivalents = [
        f"{e.get('function')}: {e.get('line')} -> {e.get('mutated')}"
        for i, e in enumerate(mine)
        if i not in used
    ]
    counted = result.mutants - result.equivalent
    result.score = 100.0 * result.killed / counted if counted else 0.0
    return result


def _print(results: list[Result], *, survivors: bool) -> None:
    print(
        f"Mutation testing, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {', '.join(f'{x:.2f}' for x in os.getloadavg())} at the end"
    )
    header = f"{'target':<14} {'tool':<8} {'mutants':>7} {'killed':>6} {'survived':>8} "
    header += f"{'equiv.':>6} {'score':>7} {'time':>8}"
    print(header)
    for r in results:
        line = f"{r.target:<14} {r.tool:<8} {r.mutants:>7} {r.killed:>6} {r.survived:>8} "
        line += f"{r.equivalent:>6} {r.score:>6.1f}% {r.seconds:>7.0f}s"
        if r.database != "SQLite":
            line += f"  (re-check on {r.database})"
        if r.error:
            line += f"  ERROR: {r.error}"
        print(line)
    for r in results:
        print(f"\n== {r.target}: {r.about}")
        if r.database != "SQLite":
            print(
                f"   re-check on {r.database}: the last run's {r.rechecked} survivors, with the "
                "same tests; every other verdict stands from that run"
            )
        if r.not_checked:
            print(f"   ({r.not_checked} mutants not checked: the run was interrupted)")
        if r.not_run:
            print(f"   {r.not_run} mutants left out of the figures:")
            for name, why in sorted(PY_LEFT_OUT[r.target].items()):
                print(f"     {name}: {why}")
        for unit, c in sorted(r.by_unit.items()):
            flag = "" if not c["survived"] else f"  <- {c['survived']} survived"
            print(
                f"   {unit:<60} {c['mutants']:>4} mutants, {c['killed']:>4} killed, "
                f"{c['equivalent']:>3} equivalent{flag}"
            )
        for stale in r.stale_equivalents:
            print(f"   STALE equivalent entry (matches no survivor): {stale}")
        if survivors:
            for s in r.survivors:
                print(f"\n   -- survived: {s['mutant']} ({s['status']})\n{s['diff']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", help="target names (default: all)")
    parser.add_argument("--list", action="store_true", help="list the targets and exit")
    parser.add_argument("--children", type=int, default=2, help="parallel mutants (default 2)")
    parser.add_argument("--survivors", action="store_true", help="print each survivor's diff")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="Python targets: run nothing, report the last (possibly interrupted) run",
    )
    parser.add_argument(
        "--again",
        action="store_true",
        help="Python targets: keep the last run's mutants and re-check only its survivors "
        "against the tests as they are now (the time is then that of the re-check)",
    )
    parser.add_argument(
        "--postgresql",
        action="store_true",
        help="with --again: re-check the survivors on PostgreSQL (DATABASE_URL "
        f"{POSTGRESQL_URL.format('<target>')}), one mutant at a time",
    )
    args = parser.parse_args()
    if args.postgresql and not args.again:
        parser.error("--postgresql re-checks the last run's survivors: use it with --again")
    if args.list:
        for t in TARGETS:
            tests = " ".join(x for x in t.tests if x.startswith("tests/") and "::" not in x)
            print(f"{t.name:<14} {t.tool:<8} {t.about}\n{'':<24}tests: {tests}")
        return 0
    chosen = [t for t in TARGETS if not args.targets or t.name in args.targets]
    unknown = set(args.targets) - {t.name for t in TARGETS}
    if unknown:
        parser.error(f"unknown target(s): {', '.join(sorted(unknown))}")
    OUT.mkdir(parents=True, exist_ok=True)
    equivalents = load_equivalents()
    results = []
    for t in chosen:
        print(f"running {t.name} ({t.tool}) ...", file=sys.stderr, flush=True)
        if t.tool == "mutmut":
            r = run_mutmut(
                t,
                children=args.children,
                equivalents=equivalents,
                again=args.again,
                postgresql=args.postgresql,
                report_only=args.report_only,
            )
        else:
            r = run_stryker(t, children=args.children, equivalents=equivalents)
        (OUT / f"{t.name}.json").write_text(json.dumps(asdict(r), indent=2), "utf-8")
        print(
            f"  {t.name}: {r.mutants} mutants, {r.killed} killed, {r.survived} survived, "
            f"{r.equivalent} equivalent, {r.score:.1f}% in {r.seconds:.0f}s on {r.database} "
            f"{r.error}",
            file=sys.stderr,
            flush=True,
        )
        results.append(r)
    _print(results, survivors=args.survivors)
    report = OUT / ("report.json" if not args.targets else f"report-{'-'.join(args.targets)}.json")
    report.write_text(json.dumps([asdict(r) for r in results], indent=2), "utf-8")
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
